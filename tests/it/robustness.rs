//! Stable-toolchain fuzzing: mutations of every fixture and of the bundled data through the
//! same property as the cargo-fuzz target (`tests/support/oracle.rs`). Deterministic; set
//! `MIGSTATS_MUTATIONS` for a longer run (default 3000 inputs).

use crate::oracle;

use std::path::Path;

/// xorshift64*: enough randomness for mutations, and the same inputs on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Bytes and words that matter to the CSV grammar and to the schema's rules.
const TOKENS: &[&[u8]] = &[
    b"\"",
    b"\"\"",
    b",",
    b"\n",
    b"\r\n",
    b"\r",
    b"\0",
    b"\xff",
    b"\xef\xbb\xbf",
    b"\xc3",
    b"-",
    b"0",
    b"1e308",
    b"5e-324",
    b"-0",
    b"NaN",
    b"inf",
    b"9999-12-31",
    b"0000-01-01",
    b"2024-02-29",
    b"percent",
    b"about",
    b"over",
    b"under",
    b"all",
    b" ",
    b";",
];

fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut data = seed.to_vec();
    // Mostly one change, so that many inputs still load and reach the calculator.
    for _ in 0..=rng.below(4).saturating_sub(2) {
        let at = rng.below(data.len() + 1);
        match rng.below(6) {
            0 if !data.is_empty() => {
                let i = rng.below(data.len());
                data[i] = rng.next() as u8;
            }
            1 => {
                let token = TOKENS[rng.below(TOKENS.len())];
                data.splice(at..at, token.iter().copied());
            }
            2 => {
                let end = (at + rng.below(16)).min(data.len());
                data.drain(at..end);
            }
            3 => {
                let end = (at + rng.below(200)).min(data.len());
                let copy = data[at..end].to_vec();
                let to = rng.below(data.len() + 1);
                data.splice(to..to, copy);
            }
            4 => data.truncate(at),
            _ => {
                // Replace a field: the text between two commas.
                let start = data[..at]
                    .iter()
                    .rposition(|b| *b == b',')
                    .map_or(0, |i| i + 1);
                let end = data[at..]
                    .iter()
                    .position(|b| *b == b',')
                    .map_or(data.len(), |i| at + i);
                let token = TOKENS[rng.below(TOKENS.len())];
                data.splice(start..end, token.iter().copied());
            }
        }
    }
    data
}

/// The files in a fixtures directory, in name order.
fn files(dir: &str) -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths: Vec<_> = std::fs::read_dir(root.join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths.iter().map(|f| std::fs::read(f).unwrap()).collect()
}

/// Good seeds (the bundled data and `ok/`), then bad ones (`bad/`).
fn seeds() -> (Vec<Vec<u8>>, Vec<Vec<u8>>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut good = vec![std::fs::read(root.join("data/figures.csv")).unwrap()];
    good.extend(files("tests/fixtures/ok"));
    (good, files("tests/fixtures/bad"))
}

#[test]
fn every_seed_satisfies_the_property() {
    let (good, bad) = seeds();
    for seed in &good {
        assert!(oracle::check(seed));
    }
    for seed in &bad {
        assert!(!oracle::check(seed));
    }
}

#[test]
fn mutated_inputs_never_panic_or_produce_non_finite_numbers() {
    let runs: usize = std::env::var("MIGSTATS_MUTATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000);
    let (good, bad) = seeds();
    let mut rng = Rng(0x6d69_6773_7461_7473);
    let mut accepted = 0;
    for run in 0..runs {
        let seeds = if rng.below(4) == 0 { &bad } else { &good };
        let seed = &seeds[rng.below(seeds.len())];
        let input = mutate(&mut rng, seed);
        match std::panic::catch_unwind(|| oracle::check(&input)) {
            Ok(ok) => accepted += usize::from(ok),
            Err(_) => {
                let path = std::env::temp_dir().join(format!("migstats-crash-{run}.csv"));
                std::fs::write(&path, &input).unwrap();
                panic!("run {run}: input saved to {}", path.display());
            }
        }
    }
    // Not just a loader test: a good share of inputs must reach the calculator and renderers.
    assert!(
        accepted * 20 >= runs,
        "only {accepted} of {runs} inputs loaded"
    );
    eprintln!("{accepted} of {runs} mutated inputs loaded");
}
