//! Adjectives of nationality as used in reporting ("Iraqi", "Afghan"), mapped to the country
//! names the Home Office files use, for the nationalities that appear in its small-boat tables.

/// (adjective, Home Office nationality). Lowercase adjectives; names as the files spell them.
const ADJECTIVES: [(&str, &str); 61] = [
    ("afghan", "Afghanistan"),
    ("afghani", "Afghanistan"),
    ("albanian", "Albania"),
    ("algerian", "Algeria"),
    ("bangladeshi", "Bangladesh"),
    ("belarusian", "Belarus"),
    ("beninese", "Benin"),
    ("brazilian", "Brazil"),
    ("burkinabe", "Burkina Faso"),
    ("burmese", "Myanmar (Burma)"),
    ("burundian", "Burundi"),
    ("cameroonian", "Cameroon"),
    ("chadian", "Chad"),
    ("chinese", "China"),
    ("congolese", "Congo (Democratic Republic)"),
    ("egyptian", "Egypt"),
    ("eritrean", "Eritrea"),
    ("ethiopian", "Ethiopia"),
    ("gambian", "Gambia, The"),
    ("georgian", "Georgia"),
    ("ghanaian", "Ghana"),
    ("guinean", "Guinea"),
    ("indian", "India"),
    ("iranian", "Iran"),
    ("iraqi", "Iraq"),
    ("ivorian", "Ivory Coast"),
    ("jordanian", "Jordan"),
    ("kenyan", "Kenya"),
    ("kosovan", "Kosovo"),
    ("kosovar", "Kosovo"),
    ("kuwaiti", "Kuwait"),
    ("lebanese", "Lebanon"),
    ("liberian", "Liberia"),
    ("libyan", "Libya"),
    ("malian", "Mali"),
    ("mauritanian", "Mauritania"),
    ("moroccan", "Morocco"),
    ("nepalese", "Nepal"),
    ("nepali", "Nepal"),
    ("nigerian", "Nigeria"),
    ("nigerien", "Niger"),
    ("pakistani", "Pakistan"),
    ("palestinian", "Occupied Palestinian Territories"),
    ("russian", "Russia"),
    ("saudi", "Saudi Arabia"),
    ("senegalese", "Senegal"),
    ("sierra leonean", "Sierra Leone"),
    ("somali", "Somalia"),
    ("south sudanese", "South Sudan"),
    ("sri lankan", "Sri Lanka"),
    ("sudanese", "Sudan"),
    ("syrian", "Syria"),
    ("tanzanian", "Tanzania"),
    ("togolese", "Togo"),
    ("tunisian", "Tunisia"),
    ("turkish", "Turkey"),
    ("ukrainian", "Ukraine"),
    ("vietnamese", "Vietnam"),
    ("yemeni", "Yemen"),
    ("zimbabwean", "Zimbabwe"),
    ("stateless", "Stateless"),
];

/// The Home Office name for an adjective of nationality (case and surrounding spaces ignored).
/// "Kurdish" is an ethnicity, not a nationality, so it is deliberately absent.
pub fn country_for_adjective(word: &str) -> Option<&'static str> {
    let w = word.split_whitespace().collect::<Vec<_>>().join(" ");
    let w = w.to_ascii_lowercase();
    ADJECTIVES
        .iter()
        .find(|(adjective, _)| *adjective == w)
        .map(|(_, country)| *country)
}

/// The Home Office name for a country named as the files spell it ("iraq" → "Iraq"),
/// case-insensitive; only the nationalities in the table above.
pub fn country_named(word: &str) -> Option<&'static str> {
    let w = word.split_whitespace().collect::<Vec<_>>().join(" ");
    ADJECTIVES
        .iter()
        .find(|(_, country)| country.eq_ignore_ascii_case(&w))
        .map(|(_, country)| *country)
}

/// How a sentence names a nationality's people: "Iraqi nationals", "South Sudanese nationals",
/// "stateless people" (the first adjective listed for the country, so "Afghan", not "Afghani");
/// `one`: one of them ("Iraqi national", "stateless person"). None for a name not in the table
/// ("Total", "Other", a country no small-boat table lists): the caller then names the country
/// as written rather than guess an adjective.
pub fn nationals(country: &str, one: bool) -> Option<String> {
    let country = country_named(country)?;
    let (adjective, _) = ADJECTIVES.iter().find(|(_, c)| *c == country)?;
    if *adjective == "stateless" {
        return Some(
            if one {
                "stateless person"
            } else {
                "stateless people"
            }
            .to_string(),
        );
    }
    let words: Vec<String> = adjective
        .split(' ')
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        })
        .collect();
    let noun = if one { "national" } else { "nationals" };
    Some(format!("{} {noun}", words.join(" ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adjectives_used_in_reporting() {
        assert_eq!(country_for_adjective("Iraqi"), Some("Iraq"));
        assert_eq!(country_for_adjective("AFGHAN"), Some("Afghanistan"));
        assert_eq!(country_for_adjective(" Eritrean "), Some("Eritrea"));
        assert_eq!(
            country_for_adjective("south  sudanese"),
            Some("South Sudan")
        );
        assert_eq!(country_for_adjective("Vietnamese"), Some("Vietnam"));
        assert_eq!(country_for_adjective("Iraq"), None);
        assert_eq!(country_for_adjective("Kurdish"), None);
        assert_eq!(country_named("IRAQ"), Some("Iraq"));
        assert_eq!(country_named("Iraqi"), None);
    }

    #[test]
    fn nationals_in_sentences() {
        assert_eq!(nationals("Iraq", false).as_deref(), Some("Iraqi nationals"));
        assert_eq!(nationals("IRAQ", false).as_deref(), Some("Iraqi nationals"));
        // The first adjective listed wins: "Afghan", not "Afghani".
        assert_eq!(
            nationals("Afghanistan", false).as_deref(),
            Some("Afghan nationals")
        );
        assert_eq!(
            nationals("South Sudan", false).as_deref(),
            Some("South Sudanese nationals")
        );
        assert_eq!(
            nationals("Gambia, The", false).as_deref(),
            Some("Gambian nationals")
        );
        assert_eq!(
            nationals("Stateless", false).as_deref(),
            Some("stateless people")
        );
        assert_eq!(nationals("Iraq", true).as_deref(), Some("Iraqi national"));
        assert_eq!(
            nationals("Stateless", true).as_deref(),
            Some("stateless person")
        );
        assert_eq!(nationals("Total", false), None);
        assert_eq!(nationals("Other", false), None);
        assert_eq!(nationals("all", false), None);
    }

    #[test]
    fn every_country_has_a_sentence_name() {
        for (_, country) in ADJECTIVES {
            let n = nationals(country, false).unwrap();
            assert!(n.ends_with(" nationals") || n == "stateless people", "{n}");
        }
    }

    #[test]
    fn the_table_is_well_formed() {
        for (adjective, country) in ADJECTIVES {
            assert_eq!(adjective, adjective.to_ascii_lowercase(), "{adjective}");
            assert!(!country.is_empty());
        }
        let mut seen: Vec<&str> = ADJECTIVES.iter().map(|(a, _)| *a).collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), ADJECTIVES.len(), "an adjective is listed twice");
    }
}
