"""ISO 3166-1 codes for the countries of the place lexicon, as exchange formats want them.

PLOVER codes a state actor by its alpha-3 code (CHL, FIN) and FollowTheMoney a country property
by its lowercase alpha-2 code (cl, fi). The lexicon (`lexicon/countries.tsv`) names countries;
this table adds their codes. Kosovo has no ISO code: XK/XKX is the user-assigned code in common
use (EU, IMF, FollowTheMoney).
"""

from __future__ import annotations

from functools import cache

from newsgraph.lexicon.places import country_of_demonym, lookup

# lexicon name, alpha-2, alpha-3
_TABLE = """
Afghanistan AF AFG|Albania AL ALB|Algeria DZ DZA|Andorra AD AND|Angola AO AGO|Argentina AR ARG
Armenia AM ARM|Australia AU AUS|Austria AT AUT|Azerbaijan AZ AZE|Bahamas BS BHS|Bahrain BH BHR
Bangladesh BD BGD|Barbados BB BRB|Belarus BY BLR|Belgium BE BEL|Belize BZ BLZ|Benin BJ BEN
Bhutan BT BTN|Bolivia BO BOL|Bosnia and Herzegovina BA BIH|Botswana BW BWA|Brazil BR BRA
Brunei BN BRN|Bulgaria BG BGR|Burkina Faso BF BFA|Burundi BI BDI|Cambodia KH KHM
Cameroon CM CMR|Canada CA CAN|Cape Verde CV CPV|Central African Republic CF CAF|Chad TD TCD
Chile CL CHL|China CN CHN|Colombia CO COL|Comoros KM COM|Democratic Republic of the Congo CD COD
Republic of the Congo CG COG|Costa Rica CR CRI|Croatia HR HRV|Cuba CU CUB|Cyprus CY CYP
Czech Republic CZ CZE|Denmark DK DNK|Djibouti DJ DJI|Dominican Republic DO DOM|Ecuador EC ECU
Egypt EG EGY|El Salvador SV SLV|Equatorial Guinea GQ GNQ|Eritrea ER ERI|Estonia EE EST
Eswatini SZ SWZ|Ethiopia ET ETH|Fiji FJ FJI|Finland FI FIN|France FR FRA|Gabon GA GAB
Gambia GM GMB|Georgia GE GEO|Germany DE DEU|Ghana GH GHA|Greece GR GRC|Guatemala GT GTM
Guinea GN GIN|Guinea-Bissau GW GNB|Guyana GY GUY|Haiti HT HTI|Honduras HN HND|Hungary HU HUN
Iceland IS ISL|India IN IND|Indonesia ID IDN|Iran IR IRN|Iraq IQ IRQ|Ireland IE IRL
Israel IL ISR|Italy IT ITA|Ivory Coast CI CIV|Jamaica JM JAM|Japan JP JPN|Jordan JO JOR
Kazakhstan KZ KAZ|Kenya KE KEN|Kosovo XK XKX|Kuwait KW KWT|Kyrgyzstan KG KGZ|Laos LA LAO
Latvia LV LVA|Lebanon LB LBN|Lesotho LS LSO|Liberia LR LBR|Libya LY LBY|Liechtenstein LI LIE
Lithuania LT LTU|Luxembourg LU LUX|Madagascar MG MDG|Malawi MW MWI|Malaysia MY MYS
Maldives MV MDV|Mali ML MLI|Malta MT MLT|Mauritania MR MRT|Mauritius MU MUS|Mexico MX MEX
Moldova MD MDA|Monaco MC MCO|Mongolia MN MNG|Montenegro ME MNE|Morocco MA MAR
Mozambique MZ MOZ|Myanmar MM MMR|Namibia NA NAM|Nepal NP NPL|Netherlands NL NLD
New Zealand NZ NZL|Nicaragua NI NIC|Niger NE NER|Nigeria NG NGA|North Korea KP PRK
North Macedonia MK MKD|Norway NO NOR|Oman OM OMN|Pakistan PK PAK|Palestine PS PSE
Panama PA PAN|Papua New Guinea PG PNG|Paraguay PY PRY|Peru PE PER|Philippines PH PHL
Poland PL POL|Portugal PT PRT|Qatar QA QAT|Romania RO ROU|Russia RU RUS|Rwanda RW RWA
Saudi Arabia SA SAU|Senegal SN SEN|Serbia RS SRB|Sierra Leone SL SLE|Singapore SG SGP
Slovakia SK SVK|Slovenia SI SVN|Somalia SO SOM|South Africa ZA ZAF|South Korea KR KOR
South Sudan SS SSD|Spain ES ESP|Sri Lanka LK LKA|Sudan SD SDN|Suriname SR SUR|Sweden SE SWE
Switzerland CH CHE|Syria SY SYR|Taiwan TW TWN|Tajikistan TJ TJK|Tanzania TZ TZA
Thailand TH THA|Togo TG TGO|Trinidad and Tobago TT TTO|Tunisia TN TUN|Turkey TR TUR
Turkmenistan TM TKM|Uganda UG UGA|Ukraine UA UKR|United Arab Emirates AE ARE
United Kingdom GB GBR|United States US USA|Uruguay UY URY|Uzbekistan UZ UZB|Vatican VA VAT
Venezuela VE VEN|Vietnam VN VNM|Yemen YE YEM|Zambia ZM ZMB|Zimbabwe ZW ZWE
"""


@cache
def _codes() -> dict[str, tuple[str, str]]:
    table = {}
    for entry in _TABLE.replace("\n", "|").split("|"):
        if entry.strip():
            name, alpha2, alpha3 = entry.strip().rsplit(" ", 2)
            table[name] = (alpha2, alpha3)
    return table


def country_codes(country: str | None) -> tuple[str, str] | None:
    """(alpha-2, alpha-3) of a country named as the lexicon names it (or by a known alias)."""
    if not country:
        return None
    found = _codes().get(country)
    if found is None:
        place = lookup(country)
        found = _codes().get(place.country) if place and place.kind == "country" else None
    return found


def entity_country(type_: str, name: str, country: str | None) -> tuple[str, str] | None:
    """The country an entity stands for or lies in: a state, a city's state, a demonym's state.

    Only places and nationalities get one: a person's or organisation's country is not known to
    the store, and guessing it from a name would put wrong codes into the data.
    """
    if type_ in ("GPE", "LOC", "FAC"):
        return country_codes(country) or country_codes(name)
    if type_ == "NORP":
        place = country_of_demonym(name)
        return country_codes(place.country) if place else None
    return None


def lexicon_countries() -> list[str]:
    """Country names this table knows, for the test that keeps it in step with the lexicon."""
    return sorted(_codes())
