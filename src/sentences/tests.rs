//! The six sentences and many of our own, in the styles of UK news and ministerial
//! statements, including ones the grammar must refuse.

use super::*;
use crate::domain::Unit;

fn date() -> NaiveDate {
    "2025-08-20".parse().unwrap()
}

fn run(sentence: &str) -> Vec<Extracted> {
    extract(
        sentence,
        date(),
        &Place {
            file: "test".into(),
            line: 1,
            sentence: 1,
        },
    )
}

fn claims(sentence: &str) -> Vec<Claim> {
    run(sentence)
        .into_iter()
        .map(|x| match x {
            Extracted::Claim(c) => *c,
            Extracted::NotUnderstood(n) => panic!("{sentence}: not understood {n:?}"),
        })
        .collect()
}

/// (metric, country, start, end, value, qualifier, rounded_to, stated_yoy_pct)
fn row(
    c: &Claim,
) -> (
    String,
    String,
    String,
    String,
    f64,
    &'static str,
    f64,
    Option<f64>,
) {
    let f = &c.figure;
    (
        f.metric.clone(),
        f.country.clone(),
        f.period.start.to_string(),
        f.period.end.to_string(),
        f.value,
        f.qualifier.as_str(),
        f.rounded_to,
        f.stated_yoy_pct,
    )
}

#[allow(clippy::too_many_arguments)]
fn r(
    metric: &str,
    country: &str,
    start: &str,
    end: &str,
    value: f64,
    q: &'static str,
    rounded: f64,
    yoy: Option<f64>,
) -> (
    String,
    String,
    String,
    String,
    f64,
    &'static str,
    f64,
    Option<f64>,
) {
    (
        metric.into(),
        country.into(),
        start.into(),
        end.into(),
        value,
        q,
        rounded,
        yoy,
    )
}

#[test]
fn sentence_1_a_linked_pair() {
    let s = "More than 27,000 people have made the dangerous journey so far this year, up from around 18,000 in the same period last year.";
    let c = claims(s);
    assert_eq!(c.len(), 2);
    assert_eq!(
        row(&c[0]),
        r(
            "small_boat_arrivals",
            "all",
            "2025-01-01",
            "2025-08-19",
            27000.0,
            "over",
            1000.0,
            None
        )
    );
    assert_eq!(
        row(&c[1]),
        r(
            "small_boat_arrivals",
            "all",
            "2024-01-01",
            "2024-08-19",
            18000.0,
            "about",
            1000.0,
            None
        )
    );
    assert_eq!(&s[c[0].span.0..c[0].span.1], "More than 27,000");
    assert_eq!(&s[c[1].span.0..c[1].span.1], "around 18,000");
    assert_eq!(c[0].period_words, "so far this year");
    assert_eq!(c[1].period_words, "same period last year");
    assert!(c[0].to_eve && c[1].to_eve);
    let change = c[0].change.as_ref().unwrap();
    assert_eq!(change.base, Some(1));
    assert_eq!(change.direction, Some(Direction::Up));
    assert!(change.year_on_year);
}

#[test]
fn sentence_2_fell_to_and_the_previous_year() {
    let s = "The number of Iraqis making the crossing fell to 1,900 in the year ending March 2025, down from 2,600 in the previous year, according to the Home Office.";
    let c = claims(s);
    assert_eq!(c.len(), 2);
    assert_eq!(
        row(&c[0]),
        r(
            "small_boat_arrivals",
            "Iraq",
            "2024-04-01",
            "2025-03-31",
            1900.0,
            "exact",
            100.0,
            None
        )
    );
    assert_eq!(
        row(&c[1]),
        r(
            "small_boat_arrivals",
            "Iraq",
            "2023-04-01",
            "2024-03-31",
            2600.0,
            "exact",
            100.0,
            None
        )
    );
    assert_eq!(c[0].figure.source, "Home Office");
    let change = c[0].change.as_ref().unwrap();
    assert_eq!(change.direction, Some(Direction::Down));
    assert_eq!(change.base, Some(1));
}

#[test]
fn sentence_3_a_grant_rate() {
    let c = claims(
        "Around 26% of Iraqis who made the crossing in the year to March 2025 were granted asylum at initial decision.",
    );
    assert_eq!(c.len(), 1);
    assert_eq!(
        row(&c[0]),
        r(
            "initial_grant_rate",
            "Iraq",
            "2024-04-01",
            "2025-03-31",
            26.0,
            "about",
            1.0,
            None
        )
    );
    assert_eq!(c[0].figure.unit, Unit::Percent);
}

#[test]
fn sentence_4_funding() {
    let c = claims(
        "Last year the UK agreed an £800,000 deal to strengthen Iraqi law enforcement and border security, aimed at tackling people-smuggling.",
    );
    assert_eq!(c.len(), 1);
    assert_eq!(
        row(&c[0]),
        r(
            "funding",
            "Iraq",
            "2024-01-01",
            "2024-12-31",
            800000.0,
            "exact",
            0.0,
            None
        )
    );
    assert_eq!(c[0].figure.unit, Unit::Gbp);
}

#[test]
fn sentence_5_returns_with_a_stated_change() {
    let c = claims(
        "It said more than 35,000 people with no right to be in the UK had been returned in Labour's first year – a 14% increase compared to the same period 12 months ago.",
    );
    assert_eq!(c.len(), 1);
    assert_eq!(
        row(&c[0]),
        r(
            "returns",
            "all",
            "2024-07-05",
            "2025-07-04",
            35000.0,
            "over",
            1000.0,
            Some(14.0)
        )
    );
    assert_eq!(c[0].period_words, "Labour's first year");
    assert_eq!(c[0].concept, None);
}

#[test]
fn sentence_6_has_no_claims() {
    assert!(run("It was signed by Home Office minister Dan Jarvis as part of a two-day visit to the UK by Iraq's Deputy Foreign Minister Fuad Hussein.").is_empty());
}

#[test]
fn numbers_that_are_not_claims_are_ignored() {
    for s in [
        "The agreement was signed on 20 August 2025.",
        "He relied on Article 8 of the European Convention on Human Rights.",
        "The 12-month pilot begins in September.",
        "Talks lasted 3 days in Baghdad.",
        "The bill returns to the Commons on 5 September.",
        "Section 59 of the act was amended in 2024.",
    ] {
        assert!(run(s).is_empty(), "{s}: {:?}", run(s));
    }
}

#[test]
fn hedges() {
    let q = |s: &str| {
        let c = claims(s);
        (
            c[0].figure.qualifier.as_str(),
            c[0].figure.value,
            c[0].figure.rounded_to,
        )
    };
    assert_eq!(
        q("Over 20,000 people crossed the Channel last year."),
        ("over", 20000.0, 10000.0)
    );
    assert_eq!(
        q("In excess of 5,000 crossed in July."),
        ("over", 5000.0, 1000.0)
    );
    assert_eq!(
        q("At least 400 people crossed in July."),
        ("over", 400.0, 100.0)
    );
    assert_eq!(
        q("Fewer than 300 people crossed the Channel last month."),
        ("under", 300.0, 100.0)
    );
    assert_eq!(
        q("Up to 1,000 people crossed last month."),
        ("under", 1000.0, 1000.0)
    );
    assert_eq!(
        q("Nearly 30,000 people crossed so far this year."),
        ("under", 30000.0, 10000.0)
    );
    assert_eq!(
        q("Almost 2,500 Afghans arrived in 2024."),
        ("under", 2500.0, 100.0)
    );
    assert_eq!(
        q("Just over 1,000 crossed in July."),
        ("over", 1000.0, 1000.0)
    );
    assert_eq!(
        q("Some 45k people crossed in 2024."),
        ("about", 45000.0, 1000.0)
    );
    assert_eq!(
        q("An estimated 1.2 million people crossed in 2024."),
        ("about", 1_200_000.0, 100_000.0)
    );
    assert_eq!(
        q("Roughly 700 people crossed last month."),
        ("about", 700.0, 100.0)
    );
    assert_eq!(
        q("Exactly 27,997 people crossed so far this year."),
        ("exact", 27997.0, 1.0)
    );
}

#[test]
fn metrics_and_countries() {
    let m = |s: &str| {
        let c = claims(s);
        (
            c[0].figure.metric.clone(),
            c[0].figure.country.clone(),
            c[0].figure.unit,
        )
    };
    assert_eq!(
        m("More than 600 boats crossed so far this year."),
        ("small_boats".into(), "all".into(), Unit::Boats)
    );
    assert_eq!(
        m("Small boat arrivals reached 36,816 in 2024."),
        ("small_boat_arrivals".into(), "all".into(), Unit::People)
    );
    assert_eq!(
        m("Around 5,000 Afghans crossed in 2024."),
        (
            "small_boat_arrivals".into(),
            "Afghanistan".into(),
            Unit::People
        )
    );
    assert_eq!(
        m("About 1,200 Vietnamese nationals arrived by small boat last year."),
        ("small_boat_arrivals".into(), "Vietnam".into(), Unit::People)
    );
    assert_eq!(
        m("More than 3,000 people from Eritrea crossed in 2024."),
        ("small_boat_arrivals".into(), "Eritrea".into(), Unit::People)
    );
    assert_eq!(
        m("The grant rate for Eritreans was 98% in 2024."),
        ("initial_grant_rate".into(), "Eritrea".into(), Unit::Percent)
    );
    assert_eq!(
        m("Some 9,000 people were removed last year."),
        ("returns".into(), "all".into(), Unit::People)
    );
    assert_eq!(
        m("There were 8,000 enforced returns in 2024."),
        ("enforced_returns".into(), "all".into(), Unit::People)
    );
    assert_eq!(
        m("The UK will pay £2m to Albanian police in 2025."),
        ("funding".into(), "Albania".into(), Unit::Gbp)
    );
}

#[test]
fn deported_is_flagged_as_a_different_concept() {
    let c = claims("More than 35,000 people were deported since Labour came to power.");
    assert_eq!(c[0].figure.metric, "returns");
    assert_eq!(c[0].figure.period.start.to_string(), "2024-07-05");
    assert_eq!(c[0].figure.period.end.to_string(), "2025-08-19");
    assert!(c[0].concept.unwrap().contains("deportation"));
}

#[test]
fn stated_changes() {
    let c = claims("Crossings rose to 4,000 in July, up 20% on the same period last year.");
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].figure.stated_yoy_pct, Some(20.0));
    let c = claims("Crossings fell to 2,000 in July, down 10% on last year.");
    assert_eq!(c[0].figure.stated_yoy_pct, Some(-10.0));
    let c = claims("Crossings in July doubled to 4,000.");
    assert_eq!(c[0].change.as_ref().unwrap().percent, Some(100.0));
    let c = claims("Returns to Albania were 3,000 last year, down by a third.");
    let p = c[0].change.as_ref().unwrap().percent.unwrap();
    assert!((p + 33.333).abs() < 0.01, "{p}");
    // A percentage rise with no year named is a change, not a year-on-year one.
    let c = claims("Small boat arrivals reached 4,000 in July, a 5% increase.");
    assert_eq!(c[0].figure.stated_yoy_pct, None);
    assert_eq!(c[0].change.as_ref().unwrap().percent, Some(5.0));
}

#[test]
fn periods_from_the_sentence() {
    let p = |s: &str| {
        let c = claims(s);
        (
            c[0].figure.period.start.to_string(),
            c[0].figure.period.end.to_string(),
        )
    };
    assert_eq!(
        p("In 2023, 29,437 people crossed the Channel."),
        ("2023-01-01".into(), "2023-12-31".into())
    );
    assert_eq!(
        p("Since 5 July 2024, 50,000 people have crossed."),
        ("2024-07-05".into(), "2025-08-19".into())
    );
    assert_eq!(
        p("In the first half of this year, 20,000 people crossed."),
        ("2025-01-01".into(), "2025-06-30".into())
    );
    assert_eq!(
        p("Last month 3,500 people crossed the Channel."),
        ("2025-07-01".into(), "2025-07-31".into())
    );
}

#[test]
fn what_cannot_be_placed_is_said() {
    let n = |s: &str| -> Vec<&'static str> {
        run(s)
            .into_iter()
            .flat_map(|x| match x {
                Extracted::NotUnderstood(n) => n.missing,
                Extracted::Claim(c) => panic!("{s}: understood as {c:?}"),
            })
            .collect()
    };
    assert_eq!(
        n("The minister met 12 officials in Baghdad last year."),
        vec!["metric"]
    );
    assert_eq!(
        n("More than 27,000 people have crossed the Channel."),
        vec!["period"]
    );
    assert_eq!(
        n("Officials said 400 were processed."),
        vec!["metric", "period"]
    );
    assert_eq!(
        n("Around 40% of arrivals were Afghan in 2024."),
        vec!["metric"]
    );
    // A change with nothing to say what changed, or when.
    assert_eq!(n("A 14% increase was recorded."), vec!["metric", "period"]);
    assert_eq!(n("The UK pledged £5m last year."), vec!["partner country"]);
    let long = "More than 1,000 crossed last year ".repeat(100);
    assert_eq!(n(&long), vec!["a sentence short enough to read"]);
}

fn missing(sentence: &str) -> Vec<&'static str> {
    match run(sentence).as_slice() {
        [Extracted::NotUnderstood(n)] => n.missing.clone(),
        other => panic!("{sentence}: {other:?}"),
    }
}

#[test]
fn a_stated_range_is_one_figure() {
    let c = claims("Between 5,000 and 5,500 people crossed the Channel in small boats in July.");
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].range, Some((5000.0, 5500.0)));
    assert_eq!(
        row(&c[0]),
        r(
            "small_boat_arrivals",
            "all",
            "2025-07-01",
            "2025-07-31",
            5250.0,
            "about",
            500.0,
            None
        )
    );
    assert_eq!(c[0].figure.stated_range().low, 5000.0);
    assert_eq!(c[0].figure.stated_range().high, 5500.0);
    // A change from one to the other is two figures, not a range.
    let c = claims("Crossings rose from 5,000 in June to 5,500 in July.");
    assert_eq!(c.len(), 2);
    assert!(c.iter().all(|c| c.range.is_none()));
}

#[test]
fn a_change_takes_the_period_of_its_own_clause() {
    let s = "The figure is 12% up on the 4,000 arrivals recorded in July 2024, and 5% below the figure for July 2023, when 5,100 people crossed.";
    let c = claims(s);
    let changes: Vec<&Claim> = c.iter().filter(|c| c.stated == Stated::Change).collect();
    assert_eq!(changes.len(), 2, "{c:?}");
    for ch in &changes {
        assert_eq!(ch.figure.period.label(), "July 2025");
    }
    let against = |c: &Claim| c.change.as_ref().and_then(|x| x.against).map(|p| p.label());
    assert_eq!(against(changes[0]).as_deref(), Some("July 2024"));
    assert_eq!(against(changes[1]).as_deref(), Some("July 2023"));
}

#[test]
fn had_already_made_the_journey_last_year_is_the_same_day_last_year() {
    let c = claims(
        "Crossings are down on last year, when more than 20,000 people had already made the journey.",
    );
    assert_eq!(c.len(), 1);
    let p = c[0].figure.period;
    assert_eq!(
        (p.start.to_string(), p.end.to_string()),
        ("2024-01-01".into(), "2024-08-19".into())
    );
    // Without "already", last year is the whole year.
    let c =
        claims("Crossings are down on last year, when more than 36,000 people made the journey.");
    assert!(c[0].figure.period.is_calendar_year());
}

#[test]
fn since_an_event_in_a_month_is_not_a_period_start() {
    assert!(
        missing("Since the scheme was launched in March, 9,000 people have crossed the Channel.")
            .contains(&"period")
    );
    let c = claims("Since March, 9,000 people have crossed the Channel.");
    assert_eq!(c[0].figure.period.start.to_string(), "2025-03-01");
    let c = claims("Since then, 9,000 people have crossed the Channel, the latest on 12 August.");
    assert!(!c.is_empty());
}

#[test]
fn twelve_months_to_a_month_not_over_is_refused() {
    let m = missing("In the 12 months to August 2025, 45,000 people crossed the Channel.");
    assert!(m.iter().any(|x| x.contains("had ended")), "{m:?}");
    let c = claims("In the 12 months to July 2025, 45,000 people crossed the Channel.");
    assert_eq!(c[0].figure.period.label(), "year ending July 2025");
    // A calendar year still running is the year so far.
    let c = claims("In 2025, 25,000 people crossed the Channel.");
    assert!(c[0].to_eve);
}

#[test]
fn a_change_with_no_metric_word_is_measured_on_the_previous_figure() {
    let place = Place {
        file: "test".into(),
        line: 1,
        sentence: 2,
    };
    let first = claims("So far this year 28,000 people have crossed the Channel.");
    let next = "This is 50% higher than at the same point last year.";
    let out = extract_after(next, date(), &place, first.first(), None);
    let [Extracted::Claim(c)] = out.as_slice() else {
        panic!("{out:?}");
    };
    assert_eq!(c.figure.metric, "small_boat_arrivals");
    assert_eq!(c.figure.period, first[0].figure.period);
    let against = c.change.as_ref().and_then(|x| x.against).unwrap();
    assert_eq!(against.start.to_string(), "2024-01-01");
    // Alone, the same sentence has no metric.
    assert!(missing(next).contains(&"metric"));
    // A sentence that names its own metric does not borrow one.
    let out = extract_after(
        "Deaths are 50% higher than at the same point last year.",
        date(),
        &place,
        first.first(),
        None,
    );
    assert!(
        out.iter()
            .all(|x| !matches!(x, Extracted::Claim(c) if c.figure.metric == "small_boat_arrivals")),
        "{out:?}"
    );
}
