"""Writes ../articles/pterosaur-fossil.md: a science discovery story in Markdown."""
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "articles" / "pterosaur-fossil.md"

TEXT = """# Retired teacher's beach find turns out to be a new flying reptile

*By Esther Monkhouse, Science Editor · 11 September 2024*

A fossil picked up on a beach on the Isle of Marrow by a retired primary school teacher has been
identified as a species of pterosaur never seen before, scientists announced on Wednesday.

The flying reptile, which has been named *Caelodraco marrowensis*, lived about 168 million years
ago, in the Middle Jurassic, and had a wingspan of around 2.4 metres, roughly that of a modern
wandering albatross.

Penelope Staithes, 71, spotted a dark lump of bone sticking out of a fallen block of mudstone at
Gullet Bay during a walk with her dog in February 2021. "I thought it was a bit of driftwood at
first," she said. "Then I saw the teeth."

She contacted the Dunhallow Natural History Museum, whose staff spent 14 months freeing the skull and
part of the neck from the rock using dental drills and fine needles.

## Why the find matters

Pterosaurs from the Middle Jurassic are rare because their thin, hollow bones were easily crushed
before they could fossilise. Fewer than a dozen partial skeletons from the period are known
worldwide, and most of them consist of scattered wing bones.

The Marrow specimen is unusual because the skull, which is 31 centimetres long, survived almost
complete and uncrushed. It holds more than 40 needle-like teeth that interlock when the jaws close,
an arrangement the team believes was used for snatching small fish from the surface of the sea.

Dr Anselm Veitch, a palaeontologist at the University of Dunhallow who led the study, said the fossil
filled "an awkward gap" in the story of how pterosaurs evolved. "We have plenty of early pterosaurs
with long tails and plenty of later ones with short tails and huge heads," he said. "This animal sits
right in the middle, and it has features of both groups."

The skull has a low bony crest running along the top of the snout, which the researchers think may
have been brightly coloured and used for display. The name *Caelodraco* means "sky dragon", while
*marrowensis* honours the island where it was found.

The findings are published in the journal *Palaeontologia Borealis*. The paper's co-authors include
researchers from the Kessler Institute in Vandermeer and the Hallam Geological Survey.

## A coastline that keeps giving

The cliffs around Gullet Bay are made of soft mudstones and limestones laid down in a shallow, warm
sea. Winter storms regularly bring down sections of cliff, exposing fresh fossils on the beach below.

The island has produced ammonites, fish and the remains of marine reptiles for more than 150 years,
but this is the first pterosaur to be described from its rocks.

Dr Veitch said amateur collectors played a vital role in finds like this one. "Professional
palaeontologists cannot walk every beach after every storm," he said. "Penelope did exactly the right
thing. She noted where she found it, she didn't try to dig it out herself, and she called us."

Local rules allow walkers to collect loose fossils from the beach, but digging into the cliff face is
banned because of the risk of rockfalls. Anyone who finds something unusual is asked to report it to
the island's fossil warden, Hugh Penrose, who keeps a register of significant finds.

## On display from October

The skull will go on public display at the Dunhallow Natural History Museum from 19 October, alongside
a life-sized model of the animal in flight built by the museum's workshop.

Mrs Staithes, who taught at Marrow Primary School for 32 years, has donated the fossil to the museum.
She said she hoped it would inspire children to look more closely at the shore. "I spent my career
telling pupils to keep their eyes open," she said. "It's nice to finally take my own advice."

The museum said admission to the new gallery would be free, although visitors are asked to book a
time slot online during the first month.
"""

OUT.parent.mkdir(parents=True, exist_ok=True)
OUT.write_text(TEXT, encoding="utf-8")
print("wrote", OUT)
