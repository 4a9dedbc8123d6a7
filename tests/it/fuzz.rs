//! The fuzz harness's targets on every input a fuzz run ever crashed on (`tests/fixtures/fuzz/`,
//! named `<target>-<hash>.txt`), and on inputs that show each target runs all the way through.

use crate::support::*;
use hindsight::fuzz::{Harness, Target};

#[test]
fn every_saved_fuzz_input_runs_without_a_panic() {
    let work = tempfile::tempdir().unwrap();
    let harness = Harness::new(&repo(), work.path()).unwrap();
    // Each target goes all the way: pages rendered, hits found.
    let post_mortem = incident(
        "fuzz",
        "causes:\n  - id: shared\n    category: tools\n    text: again\n",
        "## Timeline\n\n- 10:00 — started\n\nSee [[neighbour-one]].\n",
    );
    assert!(
        harness.run(Target::Incident, &post_mortem) > 20,
        "the site is rendered"
    );
    let page = "---\ntitle: A page\nincidents: [neighbour-one]\n---\n\nText [[neighbour-two]].\n";
    assert!(harness.run(Target::Page, page) > 20);
    assert!(
        harness.run(
            Target::Config,
            "title = \"x\"\n[markdown]\nraw_html = \"deny\"\n"
        ) > 10
    );
    assert!(harness.run(Target::Query, "linkedin") > 0);
    let dir = repo().join("tests/fixtures/fuzz");
    let mut ran = 0;
    for file in files_under(&dir)
        .into_iter()
        .filter(|f| f.ends_with(".txt"))
    {
        let target = file
            .split('-')
            .next()
            .and_then(Target::from_name)
            .unwrap_or_else(|| panic!("{file}: name it <target>-<hash>.txt"));
        let input = String::from_utf8_lossy(&std::fs::read(dir.join(&file)).unwrap()).into_owned();
        harness.run(target, &input);
        ran += 1;
    }
    eprintln!("{ran} saved fuzz inputs ran");
}
