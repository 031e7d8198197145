//! Reading a detailed-dataset CSV allocates per series, not per row: ten times the rows
//! must cost (almost) no more allocations. Counted with a counting global allocator, which
//! is why this is a test binary of its own.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)] // test code: a panic is a failure report

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations made reading the fixture's rows repeated `times` times.
fn allocations_for(times: usize) -> usize {
    let src = format!(
        "{}/tests/fixtures/detailed/irr_d01.csv",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(src).unwrap();
    let mut lines = text.lines();
    let mut out = format!("{}\n{}\n", lines.next().unwrap(), lines.next().unwrap());
    let body: Vec<&str> = lines.collect();
    for _ in 0..times {
        for l in &body {
            out.push_str(l);
            out.push('\n');
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rows.csv");
    std::fs::write(&path, out).unwrap();
    let options = migstats::loader::LoadOptions::default();
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    // The whole dispatch: opening, telling the kind from the head, then the detailed reader.
    let figures = migstats::loader::read_path(&path, &options).unwrap();
    let used = ALLOCATIONS.load(Ordering::Relaxed) - before;
    assert!(!figures.is_empty());
    used
}

#[test]
fn allocations_do_not_grow_with_rows() {
    let small = allocations_for(1); // 2,765 rows
    let large = allocations_for(10); // 27,650 rows
    eprintln!("allocations: {small} for 2,765 rows, {large} for 27,650");
    assert!(
        large < small + 50,
        "{small} allocations for 2,765 rows, {large} for 27,650"
    );
}
