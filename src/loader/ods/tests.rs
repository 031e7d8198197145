//! The ODS reader on small hand-written documents.

use super::*;
use crate::loader::limits::Limits;
use crate::loader::source::Seekable;
use std::io::{Cursor, Write};

fn ods(tables: &str) -> Ods {
    let content = format!(
        r#"<?xml version="1.0"?><office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"#
    );
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    w.start_file("content.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    w.write_all(content.as_bytes()).unwrap();
    let bytes = w.finish().unwrap().into_inner();
    let input = Seekable::memory(bytes);
    Ods::open(Archive::open("t.ods", input, Limits::default()).unwrap()).unwrap()
}

fn rows(book: &mut Ods, name: &str) -> Vec<(u32, Vec<Data>)> {
    let mut got = Vec::new();
    book.rows(name, 1000, &mut |r, cells| {
        got.push((r, cells.to_vec()));
        Ok(true)
    })
    .unwrap();
    got
}

#[test]
fn repeats_empty_cells_text_and_annotations() {
    let mut book = ods(concat!(
        r#"<table:table table:name="A"><table:table-row><table:table-cell><text:p>a</text:p></table:table-cell></table:table-row></table:table>"#,
        r#"<table:table table:name="B">"#,
        r#"<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>"#,
        r#"<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="2"/>"#,
        r#"<table:table-cell office:value-type="float" office:value="3" table:number-columns-repeated="2"><text:p>3</text:p></table:table-cell>"#,
        r#"<table:table-cell office:value-type="string"><office:annotation><text:p>no</text:p></office:annotation><text:p>x<text:s text:c="2"/>y &amp; z</text:p><text:p>2</text:p></table:table-cell>"#,
        r#"<table:table-cell table:number-columns-repeated="16000"/></table:table-row>"#,
        r#"<table:table-row><table:table-cell office:value-type="date" office:date-value="2025-08-15T00:00:00"/></table:table-row>"#,
        r#"</table:table>"#
    ));
    assert_eq!(book.sheet_names(), ["A", "B"]);
    let cells = vec![
        Data::Empty,
        Data::Empty,
        Data::Float(3.0),
        Data::Float(3.0),
        Data::String("x  y & z\n2".into()),
    ];
    assert_eq!(
        rows(&mut book, "B"),
        vec![
            (1_000_000, cells.clone()),
            (1_000_001, cells),
            (
                1_000_002,
                vec![Data::DateTimeIso("2025-08-15T00:00:00".into())]
            ),
        ]
    );
    assert_eq!(
        rows(&mut book, "A"),
        vec![(0, vec![Data::String("a".into())])]
    );
}

#[test]
fn repeated_cells_are_counted_before_they_are_handed_on() {
    let mut book = ods(concat!(
        r#"<table:table table:name="B"><table:table-row table:number-rows-repeated="500">"#,
        r#"<table:table-cell office:value-type="float" office:value="1" table:number-columns-repeated="3"/>"#,
        r#"</table:table-row></table:table>"#
    ));
    let mut seen = 0;
    let err = book
        .rows("B", 1000, &mut |_, _| {
            seen += 1;
            Ok(true)
        })
        .unwrap_err();
    assert_eq!(seen, 0);
    assert!(err.messages()[0].starts_with("t.ods [B]: a sheet has more than 1000 non-empty cells"));
}

#[test]
fn sheets_read_in_order_share_one_walk() {
    let tables: String = (0..300)
        .map(|i| {
            format!(
                r#"<table:table table:name="T{i}"><table:table-row><table:table-cell office:value-type="float" office:value="{i}"/></table:table-row></table:table>"#
            )
        })
        .collect();
    let mut book = ods(&tables);
    let mut seen = Vec::new();
    for i in 0..300 {
        book.rows(&format!("T{i}"), 1000, &mut |_, cells| {
            seen.push(cells.to_vec());
            Ok(true)
        })
        .unwrap();
    }
    assert_eq!(book.passes, 1);
    assert_eq!(seen.len(), 300);
    assert_eq!(seen.last(), Some(&vec![Data::Float(299.0)]));
    // A sheet behind the walk starts another; one the caller stops early does not.
    book.rows("T5", 1000, &mut |_, cells| {
        assert_eq!(cells, [Data::Float(5.0)]);
        Ok(false)
    })
    .unwrap();
    book.rows("T6", 1000, &mut |_, cells| {
        assert_eq!(cells, [Data::Float(6.0)]);
        Ok(true)
    })
    .unwrap();
    assert_eq!(book.passes, 2);
    book.rows("missing", 1000, &mut |_, _| Ok(true)).unwrap();
    book.rows("T0", 1000, &mut |_, _| Ok(true)).unwrap();
    assert_eq!(book.passes, 3);
}
