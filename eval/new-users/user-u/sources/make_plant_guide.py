"""Write the garden centre's plant care guide as ../articles/oakhollow-summer-crops-care-guide.md."""
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "articles" / "oakhollow-summer-crops-care-guide.md"

TEXT = """# Growing tomatoes, basil and sweet peas: a care guide from Oakhollow Garden Centre

*Free leaflet from the plant area at Oakhollow Garden Centre, Mill Lane, Brackenby. Ask any of our team in the green aprons if you need help.*

These three plants are our best sellers every spring, and they are also the ones customers bring back
to the help desk looking sorry for themselves. Almost every problem we see comes down to watering,
light or sowing too early. This guide covers what each plant needs from seed to harvest.

## At a glance

| Plant | Watering | Sun | Sowing months |
|---|---|---|---|
| Tomato (cordon) | Daily in summer, at the base | Full sun, 6-8 hours | February to April, indoors |
| Basil | Morning only, when the top feels dry | Bright, sheltered spot | March to June, indoors |
| Sweet pea | Twice a week, more in flower | Full sun or light shade | October, or January to March |

## Tomatoes

Tomatoes need warmth more than anything else. Sow seeds on a warm windowsill at around 18°C and
move the seedlings into their own 9cm pots when they have two true leaves.

- Plant out only after the last frost, which in Brackenby is usually the third week of May.
- Water at the base of the plant, never over the leaves, to help prevent blight.
- Water little and often: an uneven supply makes the fruit split and causes blossom end rot.
- Start feeding with a high-potash tomato feed every 10 days once the first truss of flowers has set.
- Pinch out the side shoots that grow in the angle between a leaf and the main stem.
- Stop the plant by removing the growing tip once it has formed six or seven trusses outdoors.

Bush varieties such as 'Red Robin' do not need their side shoots removed, which makes them a good
choice for hanging baskets and balconies.

## Basil

Basil hates cold, wet roots, and more basil is killed by kindness than by neglect.

- Water in the morning so the leaves and the compost surface dry out before night.
- Use a free-draining compost mixed with a handful of grit.
- Pick the leaves from the top of each stem, just above a pair of leaves, so the plant branches.
- Pinch out any flower buds as soon as you see them, or the leaves turn bitter.
- Keep it above 10°C: even a single cold night outdoors in May can blacken the leaves.

Supermarket pots of basil are dozens of seedlings crammed together. Split one into four or five
clumps and pot them up separately, and they will last all summer instead of a fortnight.

## Sweet peas

Sweet peas grow best with a long, cool start. Autumn sowings make the strongest plants, but a
January sowing on a cold windowsill catches up quickly.

- Soak the seeds overnight before sowing to soften their hard coats.
- Sow in deep pots or root trainers, because sweet peas grow long roots.
- Pinch out the tip when the young plant has three pairs of leaves, to make it bushier.
- Plant out in April against a wigwam of canes at least 1.8 metres tall.
- Pick the flowers every two or three days. Once a plant sets seed pods it stops flowering.

Our own favourite is 'Ellen's Blush', a pale pink variety bred by a grower near Brackenby, with the
strongest scent of any sweet pea we stock.

## Feeding and compost

For all three plants we recommend our peat-free Oakhollow Multi-Purpose compost, £7.99 for a 50 litre
bag or three bags for £20. Tomatoes in grow bags need two plants per bag, not three, whatever the
packet says.

## Common problems

- **Yellow lower leaves on tomatoes:** usually a lack of feed. Start the regular feeding earlier.
- **Aphids on sweet peas:** rub them off by hand or spray with soapy water; avoid insecticides near flowers bees visit.
- **Basil wilting in the afternoon:** move it out of direct midday sun rather than watering more.

## Workshops

Our head grower, Marguerite Ilesanmi, runs a free "Grow your own salad and tomatoes" workshop in the
glasshouse on Saturday 14 March at 10am. Places are limited to 20 and can be booked at the tills.
"""

OUT.parent.mkdir(parents=True, exist_ok=True)
OUT.write_text(TEXT, encoding="utf-8")
print("wrote", OUT)
