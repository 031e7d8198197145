//! The Data Package descriptor and the loader's rules must say the same thing.

use migstats::domain::{Qualifier, Unit, is_valid_id, is_valid_metric};
use migstats::loader::figures_csv::{COLUMNS, OPTIONAL_COLUMNS};
use migstats::loader::{DATAPACKAGE_JSON, LoadOptions, load};
use serde_json::Value;

fn fields() -> Vec<Value> {
    let d: Value = serde_json::from_str(DATAPACKAGE_JSON).unwrap();
    assert_eq!(d["resources"][0]["path"], "figures.csv");
    d["resources"][0]["schema"]["fields"]
        .as_array()
        .unwrap()
        .clone()
}

fn field(name: &str) -> Value {
    fields().into_iter().find(|f| f["name"] == name).unwrap()
}

#[test]
fn columns_match_in_order_and_requiredness() {
    let names: Vec<String> = fields()
        .iter()
        .map(|f| f["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(names, COLUMNS);
    for f in fields() {
        let name = f["name"].as_str().unwrap();
        let required = f["constraints"]["required"].as_bool().unwrap();
        assert_eq!(required, !OPTIONAL_COLUMNS.contains(&name), "{name}");
    }
}

#[test]
fn enums_match_the_domain_types() {
    let units: Vec<&str> = Unit::ALL.iter().map(|u| u.as_str()).collect();
    let quals: Vec<&str> = Qualifier::ALL.iter().map(|q| q.as_str()).collect();
    assert_eq!(
        field("unit")["constraints"]["enum"],
        serde_json::json!(units)
    );
    assert_eq!(
        field("qualifier")["constraints"]["enum"],
        serde_json::json!(quals)
    );
}

#[test]
fn types_and_minimums_match() {
    for (name, ty) in [
        ("period_start", "date"),
        ("period_end", "date"),
        ("value", "number"),
        ("rounded_to", "number"),
        ("stated_yoy_pct", "number"),
    ] {
        assert_eq!(field(name)["type"], ty, "{name}");
    }
    assert_eq!(field("value")["constraints"]["minimum"], 0);
    // 0 = not rounded (an exact figure): the loader accepts 0, refuses below.
    assert_eq!(field("rounded_to")["constraints"]["minimum"], 0);
    assert_eq!(
        field("stated_yoy_pct")["constraints"]["exclusiveMinimum"],
        -100
    );
}

/// The descriptor's patterns (whole-string, as Table Schema means them) accept exactly what
/// the loader accepts, over a spread of awkward strings.
#[test]
fn patterns_agree_with_the_loader() {
    let samples = [
        "a",
        "a-1",
        "a_1",
        "A",
        "",
        "a b",
        "é",
        "0",
        "--",
        "__",
        "x.y",
        "abc-def_ghi",
        "Ω",
    ];
    for (name, check) in [
        ("id", is_valid_id as fn(&str) -> bool),
        ("metric", is_valid_metric),
    ] {
        let pattern = field(name)["constraints"]["pattern"]
            .as_str()
            .unwrap()
            .to_string();
        let re = regex::Regex::new(&format!("^(?:{pattern})$")).unwrap();
        for s in samples {
            assert_eq!(
                re.is_match(s),
                check(s),
                "{name} pattern {pattern} vs loader on {s:?}"
            );
        }
    }
}

#[test]
fn bundled_dataset_is_the_seven_figures_of_the_spec() {
    let d = load(&[] as &[&str], &LoadOptions::default()).unwrap();
    let got: Vec<(String, f64)> = d.figures.iter().map(|f| (f.id.clone(), f.value)).collect();
    let want = [
        ("crossings-2025-ytd", 27000.0),
        ("crossings-2024-ytd", 18000.0),
        ("iraqi-arrivals-ye-mar-2025", 1900.0),
        ("iraqi-arrivals-ye-mar-2024", 2600.0),
        ("iraqi-grant-rate-ye-mar-2025", 26.0),
        ("returns-2024-25", 35000.0),
        ("iraq-border-funding-2024", 800000.0),
    ];
    assert_eq!(got, want.map(|(i, v)| (i.to_string(), v)));
    assert!(
        d.figures.iter().all(|f| f.note.is_some()),
        "every bundled figure has a note"
    );
    assert_eq!(d.provenance.version.as_deref(), Some("1.0.0"));
}

/// The rules of the Data Package v2 profile (https://datapackage.org/profiles/2.0/) this
/// descriptor relies on, checked here since the reference validator (`frictionless validate`)
/// is not available to `cargo test`. `created` once held a bare date, not a date-time.
#[test]
fn descriptor_follows_the_v2_profile_rules_it_relies_on() {
    let d: Value = serde_json::from_str(DATAPACKAGE_JSON).unwrap();
    assert_eq!(
        d["$schema"],
        "https://datapackage.org/profiles/2.0/datapackage.json"
    );
    // `created`: an RFC 3339 date-time, not a date.
    let created = d["created"].as_str().unwrap();
    assert!(
        chrono::DateTime::parse_from_rfc3339(created).is_ok(),
        "created {created:?} is not an RFC 3339 date-time"
    );
    // Names: lower-case, digits and `-._/`.
    let name = regex::Regex::new(r"^[-a-z0-9._/]+$").unwrap();
    assert!(name.is_match(d["name"].as_str().unwrap()));
    // `version`: SemVer major.minor.patch.
    let semver = regex::Regex::new(r"^\d+\.\d+\.\d+$").unwrap();
    assert!(semver.is_match(d["version"].as_str().unwrap()));
    // Every licence has a name (an Open Definition id) or a path; every source a title.
    let licence_id = regex::Regex::new(r"^[-a-zA-Z0-9._]+$").unwrap();
    for l in d["licenses"].as_array().unwrap() {
        assert!(l["name"].is_string() || l["path"].is_string(), "{l}");
        if let Some(n) = l["name"].as_str() {
            assert!(licence_id.is_match(n), "{n}");
        }
    }
    for s in d["sources"].as_array().unwrap() {
        assert!(s["title"].is_string(), "{s}");
    }
    // Resources: at least one; each named, with a relative path inside the package.
    let resources = d["resources"].as_array().unwrap();
    assert!(!resources.is_empty());
    for r in resources {
        assert!(name.is_match(r["name"].as_str().unwrap()));
        let path = r["path"].as_str().unwrap();
        assert!(
            !path.starts_with(['/', '.', '~']) && !path.contains("..") && !path.contains(':'),
            "{path}"
        );
        assert_eq!(
            r["$schema"],
            "https://datapackage.org/profiles/2.0/dataresource.json"
        );
        let schema = &r["schema"];
        assert_eq!(
            schema["$schema"],
            "https://datapackage.org/profiles/2.0/tableschema.json"
        );
        // Field types and constraints from the v2 Table Schema.
        let types = ["string", "number", "integer", "date", "datetime", "boolean"];
        let constraints = [
            "required",
            "unique",
            "pattern",
            "enum",
            "minimum",
            "exclusiveMinimum",
        ];
        let fields = schema["fields"].as_array().unwrap();
        for f in fields {
            let ty = f["type"].as_str().unwrap();
            assert!(types.contains(&ty), "{f}");
            for key in f["constraints"].as_object().unwrap().keys() {
                assert!(constraints.contains(&key.as_str()), "{key} in {f}");
            }
            if f["constraints"].get("minimum").is_some() {
                assert_eq!(ty, "number", "minimum applies to numbers here: {f}");
            }
        }
        // The primary key names fields; missing values are strings.
        for k in schema["primaryKey"].as_array().unwrap() {
            assert!(fields.iter().any(|f| &f["name"] == k), "{k}");
        }
        assert!(
            schema["missingValues"]
                .as_array()
                .unwrap()
                .iter()
                .all(Value::is_string)
        );
    }
}
