"""The analysis questions a flag puts to the rektor and the team.

In the spirit of Vaggeryd's analysfrågor: they ask about klass, grupp and kön, about
the same pupils earlier, and about what lies within the school's own reach, not only
about explanations outside it.
"""

from __future__ import annotations

from enum import StrEnum


class FlagKind(StrEnum):
    """What a flag is about; the value is the Swedish name shown to users."""

    DROP = "nedgång"  # a result went the wrong way since the previous measurement
    CHANGE = "förändring"  # a measure that is neither better nor worse changed a lot
    GENDER_GAP = "könsskillnad"  # the gap between girls and boys widened
    BELOW_REFERENCE = "under jämförelse"  # worse than riket, the kommun's units, …


QUESTIONS: dict[FlagKind, tuple[str, ...]] = {
    FlagKind.DROP: (
        "Gäller nedgången både flickor och pojkar, och alla klasser i gruppen, "
        "eller är den koncentrerad till några?",
        "Är det samma elever som vid förra mätningen, eller har elevgruppen förändrats?",
        "Vad har förändrats i undervisningen, i elevgruppen eller i organisationen "
        "sedan förra mätningen?",
        "Vilka förklaringar ligger inom det vi själva kan påverka?",
        "Behöver utvecklingsområdet eller en insats ändras, och hur följer vi upp det "
        "till nästa mätning?",
    ),
    FlagKind.CHANGE: (
        "Speglar förändringen elevernas behov, eller hur vi upptäcker, dokumenterar och "
        "beslutar om stöd?",
        "Gäller förändringen både flickor och pojkar, och alla klasser i gruppen?",
        "Får eleverna stödet i tid, och leder det till att de når målen?",
        "Vad i undervisningens tillgänglighet och i organisationen kan förklara förändringen?",
        "Behöver arbetssättet kring stödet eller en insats ändras?",
    ),
    FlagKind.GENDER_GAP: (
        "I vilka klasser, ämnen och årskurser syns skillnaden mellan flickor och pojkar, "
        "och var syns den inte?",
        "Fanns skillnaden redan när samma elever gick i tidigare årskurser, och har den "
        "vuxit över tid?",
        "Hur får flickor och pojkar utrymme, stöd och återkoppling i undervisningen?",
        "Vilka förväntningar och normer om kön, hos elever och hos oss vuxna, kan påverka "
        "resultatet?",
        "Vad kan vi ändra i undervisningen för att minska skillnaden, och hur följer vi upp det?",
    ),
    FlagKind.BELOW_REFERENCE: (
        "Gäller skillnaden mot jämförelsen både flickor och pojkar, och alla klasser i gruppen?",
        "Är skillnaden ny, eller fanns den redan när samma elever gick i tidigare årskurser?",
        "Är jämförelsen rättvisande: mäter vi på samma sätt och vid samma tid, och hur "
        "stor är gruppen?",
        "Vilka förklaringar ligger inom det vi själva kan påverka, i undervisningen och "
        "i organisationen?",
        "Vad kan vi lära av enheter med bättre resultat, i kommunen eller i riket?",
    ),
}
