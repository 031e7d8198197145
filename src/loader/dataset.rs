//! The files read, as one dataset: each input read once through the registry, their figures
//! put together with ids unique across them and every source cited, and the periods a relative
//! `--period` needs derived once the last day the inputs cover is known.

use super::*;

/// The bundled dataset, or the union of the files named with `--data`.
pub fn load(paths: &[impl AsRef<Path>], options: &LoadOptions) -> Result<Dataset> {
    if paths.is_empty() {
        return bundled();
    }
    assemble(read_all(paths, options)?)
}

/// Each file read once, with its name as shown.
fn read_all(paths: &[impl AsRef<Path>], options: &LoadOptions) -> Result<Vec<(String, Input)>> {
    paths
        .iter()
        .map(|path| {
            let path = path.as_ref();
            Ok((source::display_name(path), read_file(path, options)?))
        })
        .collect()
}

/// The files' figures as one dataset: ids unique across them, every source cited.
fn assemble(read: Vec<(String, Input)>) -> Result<Dataset> {
    let mut figures = Vec::new();
    let mut marks = Vec::new();
    let mut files = Vec::new();
    let mut cited: Vec<SourceRef> = Vec::new();
    let mut inputs = Vec::new();
    let mut notes = Vec::new();
    // Each file's figures, and whether it is the daily series.
    let mut ranges = Vec::new();
    for (name, input) in read {
        let start = figures.len();
        figures.extend(input.figures);
        marks.extend(input.marks);
        ranges.push((
            start..figures.len(),
            input.kinds == [InputKind::DailySeries],
        ));
        cited.extend(input.sources);
        inputs.extend(input.kinds);
        notes.extend(input.notes);
        files.push(name);
    }
    if let Some(e) = two_releases(&figures, &files, &ranges) {
        return Err(e);
    }
    check_unique_ids(&figures)?;
    // Official files are cited as such; a figures file's own publishers after them.
    let mut sources = cited;
    for f in &figures {
        if !sources
            .iter()
            .any(|s| s.title == f.source || s.cites(&f.origin.file))
        {
            sources.push(SourceRef {
                title: f.source.clone(),
                ..Default::default()
            });
        }
    }
    Ok(Dataset {
        provenance: Provenance {
            name: "user-files".to_string(),
            title: format!("Figures read from {}", files.join(", ")),
            files,
            sources,
            inputs,
            notes,
            ..Default::default()
        },
        figures,
        marks,
    })
}

/// The dataset with the period `resolve` makes of the last day the inputs cover, each input
/// read once: a daily series derives the period from the days it keeps. A detailed table derives
/// its periods from whole quarters as it is read, so it alone is read again.
pub fn load_anchored(
    paths: &[impl AsRef<Path>],
    options: &LoadOptions,
    resolve: impl FnOnce(Option<NaiveDate>) -> Result<Period>,
) -> Result<(Dataset, Period)> {
    let last_day = |figures: &[Figure]| figures.iter().map(|f| f.period.end).max();
    if paths.is_empty() {
        let dataset = bundled()?;
        let period = resolve(last_day(&dataset.figures))?;
        return Ok((dataset, period));
    }
    let plain = LoadOptions {
        periods: Vec::new(),
        buckets: None,
        marks: None,
        period: None,
        ..options.clone()
    };
    let mut read = read_all(paths, &plain)?;
    let period = resolve(read.iter().filter_map(|(_, i)| last_day(&i.figures)).max())?;
    let full = LoadOptions {
        period: Some(period),
        ..options.clone()
    };
    for (_, input) in read.iter_mut() {
        rederive(input, &full)?;
    }
    Ok((assemble(read)?, period))
}

/// The figures `options` ask for (periods, buckets, marks), derived again from what `input`
/// kept of its read (a daily series' days, a detailed table's quarterly sums): no second read.
/// A figures file's figures are as they were read.
pub fn rederive(input: &mut Input, options: &LoadOptions) -> Result<()> {
    if let Some(series) = input.series.take() {
        // The weekly sheet's own figures (read with the daily one, when asked) and notes do
        // not depend on the period: kept as read.
        let weekly: Vec<Figure> = input
            .figures
            .drain(..)
            .filter(|f| f.id.starts_with(super::small_boats::weekly::ID_PREFIX))
            .collect();
        let sources = std::mem::take(&mut input.sources);
        let notes = std::mem::take(&mut input.notes);
        let source = sources.first().cloned().unwrap_or_default();
        *input = daily_input(series, source, options)?;
        input.figures.extend(weekly);
        input.sources = sources;
        input.notes = notes;
    } else if let Some(tables) = input.tables.as_mut() {
        tables.rechoose(&detailed_choices(options));
        input.figures = tables.figures()?;
    }
    Ok(())
}

/// Two releases of the small boats time series given together: their derived figures share
/// ids. One line naming both (by the last day of their figures) and `revisions`, instead of a
/// duplicate-id line per figure.
fn two_releases(
    figures: &[Figure],
    files: &[String],
    ranges: &[(std::ops::Range<usize>, bool)],
) -> Option<Error> {
    let series = |(r, daily): &(std::ops::Range<usize>, bool)| -> Option<(&[Figure], NaiveDate)> {
        let fs = figures.get(r.clone())?;
        let last = fs.iter().map(|f| f.period.end).max()?;
        daily.then_some((fs, last))
    };
    for (i, a) in ranges.iter().enumerate() {
        let Some((fa, last_a)) = series(a) else {
            continue;
        };
        let ids: std::collections::HashSet<&str> = fa.iter().map(|f| f.id.as_str()).collect();
        for (j, b) in ranges.iter().enumerate().skip(i + 1) {
            let Some((fb, last_b)) = series(b) else {
                continue;
            };
            if !fb.iter().any(|f| ids.contains(f.id.as_str())) {
                continue;
            }
            let (old, new) = if last_b < last_a {
                ((j, last_b), (i, last_a))
            } else {
                ((i, last_a), (j, last_b))
            };
            let name = |k: usize| files.get(k).cloned().unwrap_or_default();
            return Some(Error::invalid(Problem::new(
                Location::file(name(new.0)),
                format!(
                    "two releases of the Home Office small boats time series given together: this one (figures to {}) and {} (figures to {})",
                    new.1,
                    name(old.0),
                    old.1
                ),
                format!(
                    "give one --data; to see what changed between them run `migstats revisions {} {}`",
                    name(old.0),
                    name(new.0)
                ),
            )));
        }
    }
    None
}

/// Duplicate ids listed at most (a file given twice clashes on every figure).
const MAX_DUPLICATES: usize = 200;

/// Ids must be unique across files; a clash names both places. The list stops after
/// [`MAX_DUPLICATES`], with a line saying so, placed in the file of the first clash.
pub fn check_unique_ids(figures: &[Figure]) -> Result<()> {
    let mut seen: HashMap<&str, &Figure> = HashMap::new();
    let mut problems: Option<Problems> = None;
    for f in figures {
        if let Some(first) = seen.get(f.id.as_str()) {
            let list = problems
                .get_or_insert_with(|| Problems::new(f.origin.file.clone(), MAX_DUPLICATES));
            let room = list.push(Problem::new(
                Location::at(f.origin.file.clone(), f.origin.line, Some(1)),
                format!(
                    "duplicate id '{}' (first defined at {})",
                    f.id, first.origin
                ),
                "ids must be unique across every --data file; rename one",
            ));
            if !room {
                break;
            }
        } else {
            seen.insert(&f.id, f);
        }
    }
    problems.map_or(Ok(()), Problems::into_result)
}
