//! Conventions users carry from other tools: a man page that names no missing
//! pages and documents the environment, completions that offer values, any-case values.

use crate::common::migstats;

fn stdout(args: &[&str]) -> String {
    let out = migstats().args(args).output().unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_man_page_names_no_missing_pages_and_has_an_environment_section() {
    let man = stdout(&["man"]);
    assert!(!man.contains("(1)"), "{man}");
    assert!(!man.contains("migstats\\-summary"), "{man}");
    assert!(
        man.contains(".SH COMMANDS\n.SS \"migstats summary\"\n"),
        "{man}"
    );
    let env = &man[man.find(".SH ENVIRONMENT").unwrap()..];
    let env = &env[..env[1..].find(".SH").unwrap()];
    assert!(
        env.contains("\\fBCOLUMNS\\fR") && env.contains("\\fBNO_COLOR\\fR"),
        "{env}"
    );
    assert!(man.contains(".SH \"EXIT STATUS\""), "{man}");
    // Each command's own options are in its section.
    assert!(man.contains("\\-\\-against"), "{man}");
}

#[test]
fn completions_offer_metrics_and_countries() {
    let bash = stdout(&["completions", "bash"]);
    assert!(
        bash.contains(
            "compgen -W \"enforced_returns funding initial_grant_rate people_per_boat returns \
             small_boat_arrivals small_boats voluntary_returns\""
        ),
        "{bash}"
    );
    assert!(bash.contains("compgen -W \"Iraq all\""), "{bash}");
    let zsh = stdout(&["completions", "ZSH"]);
    assert!(zsh.contains(":METRIC:(enforced_returns funding"), "{zsh}");
    assert!(zsh.contains(":PATH:_files"), "{zsh}");
}
