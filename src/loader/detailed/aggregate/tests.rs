//! The aggregator's row reading, counts and quarterly sums.

use super::*;

#[test]
fn methods_of_one_length_in_any_order_count_apart() {
    let header: Vec<String> =
        "Year,Quarter,Method of entry,Nationality,Region,Sex,Age Group,Number of detections"
            .split(',')
            .map(String::from)
            .collect();
    let columns = Columns::detect(&header).unwrap();
    let choices = Choices {
        methods: vec!["Small boat arrivalz".to_string()],
        ..Choices::default()
    };
    let mut agg = Aggregator::new(columns, &choices, 1);
    // Two methods of 19 bytes, and a third of another length, interleaved.
    let methods = ["Small boat arrivals", "Small boat arrivalz", "Other"];
    for i in 0..400u32 {
        let method = methods[(i as usize * 7 / 3) % 3];
        let row = csv::ByteRecord::from(vec![
            "2023".to_string(),
            format!("2023 Q{}", 1 + i % 4),
            method.to_string(),
            "Iraq".to_string(),
            "Asia".to_string(),
            "Male".to_string(),
            "18 to 24".to_string(),
            (1 + i).to_string(),
        ]);
        agg.add(&row, u64::from(i) + 2).unwrap();
    }
    let expect = |m: &str| -> f64 {
        (0..400u32)
            .filter(|i| methods[(*i as usize * 7 / 3) % 3] == m)
            .map(|i| f64::from(1 + i))
            .sum()
    };
    let figures = agg.finish("t.csv").unwrap();
    let total = |metric: &str| {
        figures
            .iter()
            .find(|f| f.metric == metric && f.country == "all" && f.id.ends_with("-2023"))
            .map(|f| f.value)
            .unwrap()
    };
    assert_eq!(total("small_boat_arrivals"), expect("Small boat arrivals"));
    assert_eq!(total("small_boat_arrivalz"), expect("Small boat arrivalz"));
}

#[test]
fn counts_read_from_bytes() {
    assert_eq!(count(b"1234"), Ok(1234.0));
    assert_eq!(count(b" 1,234 "), Ok(1234.0));
    assert_eq!(count(b"12.0"), Ok(12.0));
    assert!(count(b"").is_err());
    assert!(count(b"-").is_err());
    assert!(count(b"-3").is_err());
    assert!(count(b"NaN").is_err());
    assert!(count(b",,").is_err());
}

#[test]
fn quarters_sum_over_four() {
    let mut q = Quarters::default();
    q.add(8094, 5.0);
    q.add(8090, 1.0); // earlier than the first: grows at the front
    q.add(8093, 2.0);
    assert_eq!(q.sum(8091, 8094), 7.0);
    assert_eq!(q.sum(8090, 8093), 3.0);
    assert_eq!(q.sum(8094, 8094), 5.0);
    assert_eq!(q.get(8090), 1.0);
}
