//! Reads that a parser's panic cannot crash: a dependency (calamine, zip, quick-xml) is not
//! trusted with hostile input, so every read of a `--data` file runs under [`guarded`], and a
//! panic in it becomes an input error. The panic hook is set once, at start-up
//! ([`install_panic_hook`]): it stays quiet for a panic inside a guarded read (the error says
//! it instead) and prints any other as the default hook does.

use crate::error::{Error, Location, Problem, Result};
use std::cell::Cell;
use std::sync::Once;

thread_local! {
    /// Whether this thread is inside [`guarded`].
    static GUARDED: Cell<bool> = const { Cell::new(false) };
}

/// Sets the process's panic hook, once however often it is called: silent inside a guarded
/// read, the default hook's message for any other panic. `main` calls it before anything
/// else; without it (a library caller, a test) a guarded read still returns an error, and the
/// panic is printed as well.
pub fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !GUARDED.with(Cell::get) {
                default(info);
            }
        }));
    });
}

/// Runs `read`, turning a panic (a parser's bug: the last line of defence, every known case
/// is refused before it gets there) into an input error for `name`.
pub(crate) fn guarded<T>(name: &str, read: impl FnOnce() -> Result<T>) -> Result<T> {
    let outer = GUARDED.with(|g| g.replace(true));
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
    GUARDED.with(|g| g.set(outer));
    read.unwrap_or_else(|_| {
        Err(Error::invalid(Problem::new(
            Location::file(name),
            format!("could not read {name} (the spreadsheet parser failed)"),
            "the file is damaged or not an ODS, XLSX or CSV file as published",
        )))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quiet() -> bool {
        GUARDED.with(Cell::get)
    }

    #[test]
    fn a_panic_while_reading_is_an_input_error() {
        install_panic_hook();
        install_panic_hook(); // a second call changes nothing
        let got: Result<()> = guarded("x.xlsx", || panic!("a parser bug"));
        assert_eq!(
            got.unwrap_err().messages(),
            vec![
                "x.xlsx: could not read x.xlsx (the spreadsheet parser failed) (the file is damaged or not an ODS, XLSX or CSV file as published)"
            ]
        );
        assert_eq!(guarded("x", || Ok(3)).unwrap(), 3);
    }

    #[test]
    fn the_hook_is_quiet_only_inside_a_guarded_read() {
        assert!(!quiet());
        assert!(guarded("x", || Ok(quiet())).unwrap());
        // Nested, and after a panic: the outer state comes back.
        let nested = guarded("x", || {
            let inner: Result<()> = guarded("y", || panic!("a parser bug"));
            Ok((inner.is_err(), quiet()))
        });
        assert_eq!(nested.unwrap(), (true, true));
        let _ = guarded::<()>("x", || panic!("a parser bug"));
        assert!(!quiet());
    }
}
