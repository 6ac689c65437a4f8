"""A bold short answer of another kind than the question asks for is not asserted, nor a sentence
about another period than the one asked (answer/kinds.py)."""

import pytest

from bot.answer.kinds import clause_cut, span_fits
from bot.shortanswer.choose import _counted_unit


def test_a_span_of_the_wrong_kind_does_not_fit():
    wrong = [("Who founded Pellworth Instruments in Dayton?", "1979"),
             ("Who took over as conductor of the choir in 2020?", "41 years"),
             ("When will the bridge reopen?", "the council"),
             ("How many people attended the match?", "a record crowd"),
             ("What time did the later-starting schools begin lessons?", "45 minutes"),
             ("How much will the new Doncaster warehouse cost to build?", "40,000 square metre"),
             ("What is the fare to Lindholm?", "twenty minutes"), ("What did the meal cost?", "three courses"),
             ("How much does the Pennine Trek E7 weigh?", "£2,649"), ("What is the weight of the Glide?", "£1,799"),
             ("How tall is the tower?", "1889"), ("Where is the forum taking place?", "eleventh"),
             ("When was Rosalind Lyle born?", "Mrs Rosalind Lyle 17"), ("What is her date of birth?", "17"),
             ("What dose of ticagrelor is he on?", "aspirin"), ("When is Kestrel Class going to the farm?", "Year 4"),
             ("How long has Mr Okonjo taught at the school?", "Year 6"), ("How many pupils are there?", "Class 3"),
             ("How long should I cook salmon in the air fryer?", "10 cm"),
             ("How long will the footbridge be closed?", "3 metres"),
             ("How cold will it get on the coldest night?", "Monday"),
             ("How noisy did the fans get while exporting video?", "audible"),
             ("What is the daily standing charge for electricity?", "92 days"),
             ("What is my new monthly payment going to be?", "18 March 2025"),
             ("What was Mr Tilbury's total council tax bill last year?", "1 April 2025")]
    right = [("Who founded the company?", "Ada Brandt"), ("Who protested outside?", "the farmers"),
             ("When will the bridge reopen?", "next spring"), ("When did it begin?", "the Oligocene"),
             ("How many people attended?", "14,862"), ("How many teachers are involved when co-teaching?", "two"),
             ("When dating rocks, what is the isotopic date applied to?", "fossil sequences"),
             ("What did the council decide?", "to close the bridge"),
             ("What time did the schools begin lessons?", "9:25am"), ("At what time did it end?", "9.12pm"),
             ("What time period is the fossil from?", "the Jurassic"),
             ("How much will the repairs cost?", "an estimated £1.3 million"), ("What is the fare?", "£4.50"),
             ("What does admission cost?", "free"), ("What did the stamp cost?", "50p"),
             ("How much did petroleum account for of the import bill?", "20% to 25%"),
             ("How much does the E7 weigh?", "24.8 kg"), ("How heavy is the bell?", "13 tonnes"),
             ("How tall is the tower?", "330 metres"), ("How tall is he?", "6ft 2in"),
             ("Which bike is the heaviest?", "the Pennine Trek E7"),
             ("What material's weight gain was an early clue?", "metals"),
             ("Where is the forum held?", "Kestrel Hall"), ("Where are workshops held?", "on the second floor"),
             ("Where did the team finish in the league?", "14th"), ("How many weight rooms are there?", "three"),
             ("When was she born?", "19 August 1972"), ("How long should I cook salmon?", "10 minutes"),
             ("How long does the cake take to bake?", "45 to 50 minutes"), ("How long is the bridge?", "500 metres"),
             ("How long will the footbridge be closed?", "six weeks"), ("What is her date of birth?", "1972"),
             ("Where was she born?", "Valencia"), ("What dose of ticagrelor is he on?", "90 mg"),
             ("What is the usual dosage?", "two tablets"), ("When do they go?", "in Year 4"),
             ("When did it open?", "the year 1904"),
             ("How cold will it get overnight?", "6°C"), ("What temperature should the oven be?", "190°C"),
             ("How noisy did the fans get?", "41 decibels"), ("How loud is it at full power?", "38dB(A)"),
             ("What is the daily standing charge for electricity?", "53.21p"),
             ("What was the yearly management fee before it was lowered?", "0.42%"),
             # a charge, a bill or wages that are not a sum
             ("Which teacher is in charge of the trip?", "Miss Priyanka Holloway"),
             ("What type of wages result from low supply?", "high"), ("What vote on a bill takes place?", "final")]
    assert [span_fits(q, s) for q, s in wrong] == [False] * len(wrong)
    assert [span_fits(q, s) for q, s in right] == [True] * len(right)
    assert span_fits("What is the weight of a bushel of coal in pounds?", "94", " pounds) of coal")
    # someone to reach is named, or given by a number or an address
    assert not span_fits("Who should I contact if I can help put up the marquee?", "volunteers")
    assert span_fits("Who should I contact if I can help put up the marquee?", "Colin Hebblethwaite")
    assert span_fits("Who do I phone if there's a smell of gas?", "0800 111 999")
    assert span_fits("Who wrote to the council?", "the farmers")
    # a deadline is a time, not the span of what it is for
    assert not span_fits("What's the deadline for signing up to the free monitoring?", "12 months", " of free")
    assert span_fits("What's the deadline for signing up?", "31 January 2026")
    assert span_fits("When does the offer end?", "12 months", " after you sign up")
    # "How long" asks for a time or a length: not the riders who finished, nor a count of anything
    assert not span_fits("How long was the women's race?", "61", " finished.")
    assert [span_fits(q, s, a) for q, s, a in [("How long was the race?", "112", "-kilometre course"),
                                               ("How long has she lived there?", "40 years", ""),
                                               ("How long had he been pope by then?", "1983", ""),
                                               ("How long does the Eco programme run for?", "3 h 55 min", ""),
                                               ("How long is it guaranteed for?", "two-year", " guarantee")]] == [True] * 5


def test_a_sentence_about_another_quarter_day_year_named_storm_ordinal_or_category_does_not_answer_confidently():
    from bot.answer.kinds import names_another

    other = [("What revenue did Pellworth report for the first quarter?", "For the third quarter it expects $405m."),
             ("What was Q2 revenue?", "Fourth-quarter revenue rose 4%."),
             ("Who won the award in 2023?", "Chris Evans was named for 2022."),
             ("How much rain fell on Sunday?", "Saturday brought 12mm of rain."),
             ("When was the Storm Ottilie warning issued?", "The last warning was issued for Storm Hallam on 14 November."),
             ("What happens on Day 2?", "Day 1 | 9 April 2025 | Registration"),
             ("What was the name of the third named storm?", "Storm Ottilie, the fourth named storm, is coming."),
             ("What time does the first weekday train leave?", "The last weekday train will leave at 23:47."),
             ("How many coaches does the 17:40 have?", "The 07:18 will be extended from three coaches to six."),
             ("What does Ledgerline 4.8 add?", "Ledgerline 4.7 adds bank feeds."),
             ("Who won the women's race?", "In the men's race, Tomasz Wierzbicki won a bunch sprint."),
             ("Who set the girls' 80 m record?", "Sam Okoro set the boys' record.")]
    same = [("Who won the women's race?", "Rhiannon Askew won the Women's race at the Grand Prix."),
            ("Who won the women's race?", "Rhiannon Askew won the race by a minute."),  # names no category
            ("How far do males roam?", "Males ranged 1.9 km a night; females 1.1 km."),("When was the Storm Ottilie warning issued?", "A warning for Storm Ottilie, the fourth storm, was issued."),
            ("Who won Super Bowl 50?", "The Broncos won Super Bowl 50."),
            ("Who was Genghis's 3rd son?", "Under the reign of Genghis' third son, Ogedei Khan, the Mongols rose."),
            ("What revenue did it report for the first quarter?", "First-quarter revenue was $1bn, up from Q4."),
            ("What was revenue in the second half?", "Revenue rose to £40m."),  # names no half: may be the one
            ("What year was she first elected, before running in 2024?", "She was first elected in 1992."),
            ("How much did the council first ask for?", "It asked for £2,500 in 2023."),
            ("When does the last train leave?", "The last weekday train will leave at 23:47."),
            ("How many coaches will the 07:18 have?", "The 07:18 will be extended from three coaches to six."),
            ("How much water does the 3.2 litre tank hold?", "The tank holds 2.5 litres."),  # a measure, no version
            ("What does version 4.7 add?", "Ledgerline 4.7 adds bank feeds.")]
    asks = {"What year was she first elected, before running in 2024?": frozenset({"when"})}
    assert [names_another(q, s, asks.get(q, frozenset())) for q, s in other] == [True] * len(other)
    assert [names_another(q, s, asks.get(q, frozenset())) for q, s in same] == [False] * len(same)


def test_a_short_answer_that_says_the_question_again_is_not_an_answer():
    from bot.answer.kinds import restates

    sentence_rest = ' "Win" Ashby, who taught generations of Kelbrook children to read, has died.'
    assert restates("What was Win Ashby's maiden name?", "Winifred", sentence_rest)
    assert restates("Who runs the Ashcombe Trust?", "the Ashcombe Trust")
    assert not restates("Which team won, the Broncos or the Panthers?", "the Broncos")  # a choice offered
    assert not restates("What country was Abhisit Vejjajiva prime minister of?", "Thailand", " Abhisit Vejjajiva")
    assert not restates("Who holds an arts fair in Newcastle?", "NewcastleGateshead", " also holds an annual fair.")
    assert not restates("What did Win Ashby's father do?", "a miner")
    # The first name of the very person a "who" question names is not whom it asks about.
    assert restates("Whom did Kishi suggest the forces could help?", "Nobuo", " Kishi said on Friday.")
    assert not restates("Which state did Ware play in?", "Florida", " Ware Stadium")  # not a "who" question
    # A firm's name is no one's full name, whatever word of the question it ends with.
    assert not restates("Who do I contact about closing the water account?", "Kelsbridge & Dene Water")


@pytest.mark.parametrize("question, span, after, shown", [
    ("Within how many days of buying must the owner register?", "28", " days of purchase", "28 days"),
    ("How many place settings can it wash in one load?", "14", " place settings.", "14 place settings"),
    ("Within how many days?", "28", " days of purchase", "28 days"),
    ("How many pupils took part?", "2,614", " pupils in 18 schools", "2,614 pupils"),
    ("How many people came?", "2,614", " pupils", "2,614"),  # another word: not the thing counted
    ("How many police officers did it have?", "318", " police community support officers", "318"),
    ("How many days did it last?", "seven", " days", "seven"),  # a number in words is left alone
    ("When did it open?", "1958", " years", "1958"),
])
def test_a_bare_number_is_shown_with_what_the_question_counts(question, span, after, shown):
    assert (span + after)[: len(span) + _counted_unit(question, span, after)] == shown


@pytest.mark.parametrize("span, after, shown", [
    ("Saturday 28", " June, on the school field.", "Saturday 28 June"),
    ("Saturday 21", "st December 2025.", "Saturday 21st December 2025"),
    ("28 June", ", 2025, at noon", "28 June, 2025"),
    ("June 28", ", 2025.", "June 28, 2025"),
    ("£28", " June", "£28"),  # an amount, not a day
    ("12.30", " June", "12.30"),
    ("Saturday 28", " people came.", "Saturday 28"),
])
def test_a_date_cut_short_is_shown_whole(span, after, shown):
    from bot.shortanswer.choose import _rest_of_date

    assert (span + after)[: len(span) + _rest_of_date(span, after)] == shown


@pytest.mark.parametrize("before, span, shown", [
    ("Grass pollen will be very ", "high", "very high"),
    ("The risk is Extremely ", "low", "Extremely low"),
    ("It was very ", "Monday", "Monday"),  # a name has no degree
    ("Prices rose a very ", "12%", "12%"),
    ("The every ", "high", "high"),  # a word ending in one is not one
])
def test_a_level_is_shown_with_its_degree(before, span, shown):
    from bot.shortanswer.choose import _degree_before

    assert (before + span)[len(before) - _degree_before(before, span):] == shown


def test_an_old_value_another_field_of_a_row_or_the_other_end_is_not_the_bold_answer():
    from bot.answer.kinds import labelled_otherwise, old_value

    def span(text: str, part: str) -> tuple[str, int, int]:
        return text, text.index(part), text.index(part) + len(part)

    change = "The 07:18 will be extended from three coaches to six, after many complaints."
    assert old_value("How many coaches will the 07:18 have?", *span(change, "three"))
    assert not old_value("How many coaches did the 07:18 have before?", *span(change, "three"))
    assert not old_value("How many coaches will the 07:18 have?", *span(change, "six"))
    salaries = "Median salaries ranged from $35,000 in South Dakota to $62,000 in New York."
    assert old_value("What was the high end of the range?", *span(salaries, "$35,000"))
    travel = "Starting January 5, travelers from China will be required to provide a negative test."
    assert not old_value("Travelers from which country need a test?", *span(travel, "China"))  # no change
    row = "Patient: | Mr Tobias Renwick | Date of birth: | 03/08/1957"
    assert labelled_otherwise("When was Mr Renwick discharged?", *span(row, "03/08/1957"))
    assert not labelled_otherwise("What is his date of birth?", *span(row, "03/08/1957"))
    assert not labelled_otherwise("When was he discharged?", *span("Discharged: | 17 February 2025", "17 February 2025"))
    assert not labelled_otherwise("What does the family ticket cost?", *span("Family | £38 | 2 + 3 children", "£38"))
    from bot.answer.kinds import other_end

    gates = "The gates open at 8.40am and close at 8.55am."
    assert other_end("What time do the gates shut?", *span(gates, "8.40"))
    assert not other_end("What time do the gates shut?", *span(gates, "8.55"))
    assert not other_end("When do the gates open?", *span(gates, "8.40"))
    riders = "Of the 112 riders who started the stage, 104 finished."
    assert not other_end("How many riders made it to the finish?", *span(riders, "104"))  # "finished" is nearer
    supply = "The supply will be turned off at 22:00 on Tuesday and we expect it to be restored by 06:00 on Wednesday."
    assert other_end("By what time should the supply be back on?", *span(supply, "22:00"))
    assert not other_end("By what time should the supply be back on?", *span(supply, "06:00"))
    assert not other_end("What time is the water being shut off?", *span(supply, "22:00"))
    from bot.answer.kinds import another_figure_nearer, only_other_end

    assert only_other_end("What time are the gates shut?", *span("The gates open at 8.35am daily.", "8.35"))
    assert not only_other_end("What time are the gates shut?", *span(gates, "8.55"))
    assert not only_other_end("When does the shop close?", *span("The shop is open until 5pm.", "5pm"))
    assert not only_other_end("Who picked it off?", *span("They took the ball back when Kony Ealy struck.", "Kony Ealy"))
    clubs = ("Breakfast Club runs from 7.45am and costs £4.50 per session; After School Club runs until 6pm and costs "
             "£11 per session.")
    assert another_figure_nearer("How much does breakfast club cost?", *span(clubs, "£11"))
    assert not another_figure_nearer("How much does breakfast club cost?", *span(clubs, "£4.50"))
    assert not another_figure_nearer("What does after school club cost?", *span(clubs, "£11"))
    oven = "Heat the oven to 200°C (180°C fan, gas mark 6) and put a baking tray in."
    assert another_figure_nearer("What temperature should a fan oven be set to?", *span(oven, "200°C"))
    assert not another_figure_nearer("What temperature should a fan oven be set to?", *span(oven, "180°C"))
    assert not another_figure_nearer("What temperature should the oven be set to?", *span(oven, "200°C"))
    homes = "Detached homes rose in the 2010 Census (to 7.8%), and flats rose to 25.6% in the same years."
    assert not another_figure_nearer("To what proportion did detached homes rise in 2010?", *span(homes, "7.8%"))


def test_a_row_for_other_ages_does_not_answer_for_the_age_asked():
    from bot.answer.kinds import names_another

    question = "How many tablets can a 13-year-old take in one go?"
    assert names_another(question, "Children aged 10 to 11 years | 1 tablet | Every 4 to 6 hours as needed | 4 tablets")
    assert names_another(question, "Adults and children over 16 | 1 to 2 tablets")
    assert not names_another(question, "Children aged 12 to 15 years | 1 tablet | Every 4 to 6 hours | 4 tablets")
    assert not names_another("How much can a child aged 8 take?", "Children under 10 | half a tablet")
    assert not names_another("How many children under 16 were there?", "Of the children, 40 were aged 5 to 11 years.")


def test_a_plan_does_not_answer_how_things_stand_now():
    from bot.answer.kinds import speaks_of_plan

    goal = "We will launch a monthly giving scheme, with the aim of reaching 1,000 regular donors by March 2026."
    assert speaks_of_plan("How many regular donors does the charity have at the moment?", goal)
    assert not speaks_of_plan("How many regular donors does the charity hope to reach?", goal)
    assert not speaks_of_plan("How many people currently work there?", "The plant employs 240 people.")


def test_an_office_is_answered_only_where_the_sentence_names_it_and_its_body():
    from bot.answer.kinds import office_elsewhere

    strait = ("The talks were the first since President Joe Biden's administration took office, amid rising "
              "tensions in the Taiwan Strait.")
    assert office_elsewhere("Who is the president of Taiwan?", strait)  # the Taiwan Strait is not Taiwan
    assert not office_elsewhere("Who is the president of Taiwan?", "Taiwanese President Lai Ching-te spoke.")
    assert not office_elsewhere("Who is the defense minister of Japan?", "Japanese Defense Minister Nobuo Kishi met him.")
    results = "1 | Aoife Larkin (IRL) | Corvana-Strada | 12h 58m 40s"
    assert office_elsewhere("Who is the sports director of the Corvana-Strada team?", results)  # a rider
    assert not office_elsewhere("Who is the boss of Kestrel Baby Products?",
                                "Martin Ellery, managing director of Kestrel Baby Products, said sorry.")
    assert not office_elsewhere("Who was the most widely read writer of his generation?", "Luther was.")  # no body named
    assert not office_elsewhere("Who founded Kestrel?", "Kestrel was founded in 1979.")  # no office asked


def test_a_past_time_does_not_answer_when_something_will_happen():
    from bot.answer.kinds import past_for_future

    def span(text: str, part: str) -> tuple[str, int, int]:
        return text, text.index(part), text.index(part) + len(part)

    shelved = "She called for the flood storage scheme, which was shelved in 2019 because of its cost, to be revived."
    assert past_for_future("When will the flood storage scheme be built?", *span(shelved, "2019"))
    assert not past_for_future("When was the flood storage scheme shelved?", *span(shelved, "2019"))
    listed = "A hearing under the Proceeds of Crime Act has been listed for 14 November 2025."
    assert not past_for_future("When will the court consider his assets?", *span(listed, "14 November 2025"))
    held = "Interviews will be held in Castlebridge during the week of 3 February 2025, and shortlisted candidates told."
    assert not past_for_future("When will the interviews be?", *span(held, "3 February 2025"))
    before = "At its previous inspection, in June 2019, the school was judged to be good."
    assert past_for_future("When is Brackenmoor Primary due to be inspected again?", *span(before, "June 2019"))


def test_a_who_question_is_not_answered_by_the_person_it_names():
    from bot.answer.kinds import restates

    assert restates("Who was the source for what Kishi said about Chinese aircraft?", "Nobuo Kishi")
    assert restates("Who will take the post now that Wren-Adeyemi has moved?", "Tobias Wren-Adeyemi")
    assert not restates("Who did Kishi meet in Tokyo?", "Lloyd Austin")
    assert not restates("When did Kishi meet him?", "Nobuo Kishi")  # not a who question: span_fits decides
    assert not restates("Who guides the tankers?", "The harbor pilot")  # "The" is no surname
    # The family name first: "Kishi Nobuo" is the very person asked about, not whom he would help.
    assert restates("Whom did Kishi suggest the forces could help?", "Nobuo", " said on Friday.", "It was Kishi ")
    assert not restates("Whom did Kishi meet?", "Austin", ".", "Kishi met Lloyd ")
    assert not restates("Who did the Rovers sign?", "Dunmere", ".", "signed from The ")


def test_the_one_leaving_does_not_answer_who_takes_over():
    from bot.answer.kinds import leaver_for_successor

    farewell = "We say a fond farewell to Mr Dominic Reyes, who has taught in Year 6 for eleven years and leaves at Easter."
    at = farewell.index("Mr Dominic Reyes")
    assert leaver_for_successor("Who is taking over Year 6 after Easter?", farewell, at, at + 16)
    assert not leaver_for_successor("Who is leaving at Easter?", farewell, at, at + 16)
    named = "Mr Dominic Reyes leaves at Easter and will be replaced by Miss Carys Howell."
    at = named.index("Miss Carys Howell")
    assert not leaver_for_successor("Who is taking over Year 6 after Easter?", named, at, at + 17)


def test_a_name_given_another_role_does_not_answer_who_holds_the_one_asked():
    from bot.answer.kinds import titled_otherwise

    present = "Present: Colin Fairweather (Chair), Sunita Bhatt (Secretary), Ray Hollingworth (Treasurer)."
    at = present.index("Sunita Bhatt")
    assert titled_otherwise("Who will replace Colin Fairweather as Chair?", present, at, at + 12)
    assert not titled_otherwise("Who is the secretary?", present, at, at + 12)
    at = present.index("Ray Hollingworth")
    assert not titled_otherwise("Who looks after the money?", present, at, at + 16)  # no role asked is named


def test_a_list_items_number_is_not_the_figure_asked_for():
    from bot.answer.kinds import asked, lacks_asked_kind

    asks = asked("How many buses a day stop at the post office?")
    assert lacks_asked_kind(asks, "4. Climb the ridge's first rise, Creag an Eoin.", frozenset())
    assert not lacks_asked_kind(asks, "4. Four buses a day stop at the post office.", frozenset())
    assert not lacks_asked_kind(asks, "The 47 bus stops at the post office.", frozenset())


@pytest.mark.parametrize("question, before, shown", [
    ("When is the takeover expected to complete?", "It expects to complete in the first quarter of ", "the first quarter of 2025"),
    ("When will the bridge reopen?", "The bridge will reopen in spring ", "spring 2025"),
    ("When does the offer end?", "The offer ends at the end of ", "the end of 2025"),
    ("What year did the mill close?", "The mill closed in March ", "2025"),  # a year asked: the year
    ("When did it open?", "It opened in ", "2025"),
])
def test_a_year_is_shown_with_the_part_of_it_meant(question, before, shown):
    from bot.shortanswer.choose import _period_before

    assert (before + "2025")[len(before) - _period_before(question, before, "2025"):] == shown


def test_an_age_beside_a_name_does_not_answer_how_many():
    """"How many other fossils has she found?" got a bold "71": "Penelope Staithes, 71, spotted..."."""
    from bot.answer.kinds import age_for_count

    text = "Penelope Staithes, 71, spotted a dark lump of bone at Gullet Bay."
    at = text.index("71")
    assert age_for_count("How many other fossils has Penelope Staithes found?", text, at, at + 2)
    assert not age_for_count("How old is Penelope Staithes?", text, at, at + 2)
    crowd = "The crowd of 71, the smallest this season, went home early."
    assert not age_for_count("How many people watched?", crowd, crowd.index("71"), crowd.index("71") + 2)


@pytest.mark.parametrize("question, sentence, lacks", [
    ("How old was Win Ashby when she died?", "She was 89.", False),
    ("How old was Win Ashby when she died?", "She taught for 41 years, 30 of them in Kelbrook.", True),
    ("How old is Marek Quill?", "Sixteen-year-old Marek Quill won the championship.", False),
    ("From what age is the show recommended?", "Suitable for ages 12 and over.", False),
    ("How many people came to the first rehearsal?", "Fourteen people came.", False),
    ("By how much have the shop's takings dropped?", "His takings had fallen by about a fifth.", False),
    ("How much did the number of flights increase?", "The number of flights has increased dramatically.", False),
    ("How long did the 2019 road works last?", "In 2019 my takings went down by a third.", True),
    ("What interest rate would I be charged if I went into my overdraft?",
     "Your arranged overdraft limit is £500, so no overdraft interest was charged.", True),
    ("What is the new interest rate on my Cash ISA?", "From 1 May the rate is 3.10% AER.", False),
    ("When does the fixed interest rate come to an end?", "Your fixed rate ends on 31 July 2030.", False),
    ("What is the returns reference for my kettle?", "Thank you for returning the kettle to our store.", True),
    ("What is the returns reference for my kettle?", "Your returns reference is RTN-20931.", False),
    ("What's our booking reference?", "Booking reference: QX7HNR", False),
    ("What's the code for the key box?", "The key box code is 4 7 1 9.", False),
    ("What tax code am I on?", "Income Tax | 425.40 | 5,130.20", True),
    ("What does error code E6 mean on the DW-6014?", "E6 means the drain is blocked.", False),
    ("What was the name of the Mongol Empire's legal code?", "The code was called the Yassa.", False),
    ("What code should guests give when they ring the hotel to book?",
     "Guests should ring the hotel, give the group code and mention my name.", True),
    ("What code should guests give when they ring the hotel to book?", "Quote the group code WED-HAR-0926.", False),
    ("What is the dress code for the dinner?", "Dress is smart casual.", False),
    ("What is Pickle's microchip number?", "Microchipped | Yes, registered with Petlog", True),
    ("What is Pickle's microchip number?", "Microchip number | 977200009123456", False),
    ("What's the registration number of the car I'm hiring?", "Registration: KX73 PLM", False),
    ("What is Tobias Renshaw's hourly rate of pay?", "Tobias Renshaw | 28 | 14 | 5 | 9", True),  # a holiday row
    ("What is Tobias Renshaw's hourly rate of pay?", "Tobias Renshaw | Baker | £12.60 an hour", False),
    ("What was the bakery's turnover for the year?", "I have finished the draft accounts for the year.", True),
    ("What is Dunmore Beck charging to do the accounts?",
     "Dunmore Beck is the trading name of Dunmore Beck Ltd, registered in England and Wales no. 06612937.", True),
    ("What is the charging time for the battery?", "A full charge takes 90 minutes.", False),
    # "company now" asks for no company number
    ("What sales range does the company now forecast for 2025?", "It expects revenue of $1.62 billion.", False),
    # a time of day asked: a day alone does not say it
    ("What time do the Saturday booster clinics start?", "Clinics run on Saturday 26 April and Saturday 10 May.", True),
    ("What time do the Saturday booster clinics start?", "Saturday clinics start at 8.30am.", False),
    ("At what time did the fire start?", "The fire started shortly after midnight.", False),
    ("What time period does the study cover?", "The study covers 1990 to 2010.", False),
])
def test_a_sentence_without_the_kind_asked_for_is_told_apart(question, sentence, lacks):
    """An age said at the end of a clause, a count in words, and the size of a change in words hold
    what is asked; a fraction is no length of time; an interest rate is a percentage, and a
    reference or a code asked for is letters with digits (not a legal code, nor one the question gives);
    "What time...?" asks for a time of day."""
    from bot.answer.kinds import asked, lacks_asked_kind

    assert lacks_asked_kind(asked(question), sentence, frozenset(question.lower().split()), question) is lacks


def test_a_sentence_without_the_kind_asked_for_is_declined_and_a_low_reading_too_unless_yes_or_no():
    """The marker's margin decides between confident, tentative and declined (answer/compose.py); a
    sentence without the kind asked for is declined where the marker reads no answer in it either.
    Read below the decline margin, a question whose answer is a clause is declined too, but not one
    answered yes or no: that answer is no span for the marker to mark. A follow-up is never declined
    on the sentence alone."""
    import numpy as np

    from bot.answer.compose import CONFIDENT, DECLINED, TENTATIVE, Margins, confidence
    from bot.answer.features import question_info

    margins = Margins(confident=-2.0, clause=-4.0, decline=-6.0, rescue=1.5)

    def outcome(question: str, sentence: str, margin: float, follow_up: bool = False) -> str:
        info = question_info(question, np.zeros(384, dtype=np.float32), lambda term: 1.0, lambda term: True)
        return confidence(info, sentence, margin, follow_up, margins)

    coach = "His coach, Owen Pike, said Quill studies for five hours."
    assert outcome("How old is Owen Pike?", coach, -3.0) == DECLINED
    assert outcome("How old is Owen Pike?", coach, 1.0) == TENTATIVE  # the marker reads an answer: offered
    assert outcome("How old is Owen Pike?", coach, -3.0, follow_up=True) == TENTATIVE
    assert outcome("How old was she when she died?", "She was 89.", 3.0) == CONFIDENT
    approved = "The plan was approved on Monday."
    assert outcome("What did the council leave out of the plan?", approved, -8.5) == DECLINED  # under -6 - 2
    assert outcome("What did the council leave out of the plan?", approved, -7.0) == TENTATIVE
    assert outcome("Which councillor opposed the plan?", approved, -7.0) == DECLINED  # a kind asked: under -6
    assert outcome("Did the council approve the plan?", approved, -9.0) == TENTATIVE


def test_a_question_quoted_on_a_page_asks_and_does_not_tell():
    """A listing page's buyer question, signed after its question mark, was quoted for "What's the
    asking price?" ("Q: Would you accept £340 ...? – asked by Ffion_B"); a question with its answer
    on the same line tells."""
    from bot.answer.kinds import facts

    assert facts("Q: Would you accept £340 if I collect this weekend? – asked by Ffion_B, 11 November 2025").asking
    assert facts("Who's won the other titles?").asking
    assert not facts("Q: Can I pay by card? A: Yes, at the desk.").asking
    assert not facts("The asking price is £385, collection only.").asking



@pytest.mark.parametrize("question, text, figure", [
    ("How much a week must she pay back?", "She must pay £412 compensation to the pharmacy at £10 a week.", "£10"),
    ("How much more per hour is it to learn in an automatic?", "Automatic lessons cost £4 more per hour.", "£4"),
    ("What does a double cost per night?", "A double is £139 per night, against £175 for walk-ins.", "£139"),
    ("How much does the bin service cost a year?", "It costs £52 annually; £48 if paid by March.", "£52"),
    ("How much does the bin service cost?", "It costs £52 a year.", None),  # no unit asked
    ("How much a week is the rent?", "The rent is £700 a week, or £90 a week for parking.", None),  # two
])
def test_the_figure_said_per_the_unit_asked(question, text, figure):
    from bot.answer.kinds import per_unit_figure

    span = per_unit_figure(question, text)
    assert (text[span[0] : span[1]] if span else None) == figure


@pytest.mark.parametrize("question, text, part, player", [
    ("Which actor plays the relief keeper?", "She is matched by Femi Adeyemo-Grant as Silas Karkeek, the relief keeper.",
     "Silas Karkeek", "Femi Adeyemo-Grant"),
    ("Who plays Silas?", "Femi Adeyemo-Grant as Silas Karkeek is a watchful presence.", "Silas Karkeek", "Femi Adeyemo-Grant"),
    ("Who wrote the play?", "Femi Adeyemo-Grant as Silas Karkeek is a watchful presence.", "Silas Karkeek", None),
    ("Who plays Silas?", "Silas Karkeek is played with stillness.", "Silas Karkeek", None),
])
def test_who_plays_a_part_is_the_name_before_as(question, text, part, player):
    from bot.answer.kinds import player_for_part

    at = text.index(part)
    found = player_for_part(question, text, at, at + len(part))
    assert (text[found[0] : found[1]] if found else None) == player


@pytest.mark.parametrize("question, span, kept", [
    ("When was the Skerne Bridge built?", "1887 and was last repaired in 1994", "1887"),
    ("Who founded the club?", "Ada Brandt, who was born in Leeds", "Ada Brandt"),
    ("What did the council decide?", "to close the bridge and was criticised", "to close the bridge and was criticised"),
    ("When was the Skerne Bridge built?", "in the year it was opened", "in the year it was opened"),
    ("How many people attended?", "a crowd and was loud", "a crowd and was loud"),  # "a crowd" is no number
])
def test_a_short_answer_running_on_into_a_clause_is_cut_before_it(question, span, kept):
    assert span[: clause_cut(question, span)] == kept

