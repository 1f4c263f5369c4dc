"""``intake safeguarding split | train | eval | check``: the detector's corpus and model."""

from __future__ import annotations

import json
import sys
import time

import click

from intake.safeguarding import classifier, corpus


def _require_sklearn() -> None:
    try:
        import sklearn  # noqa: F401
    except ImportError:
        click.echo("error: training and evaluation need scikit-learn: "
                   "pip install -e '.[test]' (make test installs it)", err=True)
        sys.exit(2)


def _split():
    items = corpus.load()
    frozen = corpus.frozen_sources()
    if not frozen:
        click.echo("error: no frozen test split; run `intake safeguarding split` once", err=True)
        sys.exit(2)
    return items, *corpus.split(items, frozen)


@click.group("safeguarding")
def safeguarding_cli():
    """The safeguarding detector's corpus, model and figures."""


@safeguarding_cli.command("split")
def split_command():
    """Give sources not yet in the frozen split to test or training, once and for all.

    The first time, every source; later, only sources that arrived since (by the same rule,
    among the new items alone). Sources already decided never move.
    """
    items = corpus.load()
    known = corpus.decided()
    new = [i for i in items if i.split_key not in known]
    if not new:
        click.echo("every source is already in the frozen split; nothing to choose")
        return
    test = corpus.choose_test_sources(new)
    train = sorted({i.split_key for i in new} - set(test))
    base = corpus.folder()
    for name, keys, what in ((corpus.FROZEN, test, "test"), (corpus.FROZEN_TRAIN, train, "training")):
        path = base / name
        header = "" if path.is_file() else (
            f"# language:source pairs whose items form the {what} split. Chosen by\n"
            "# `intake safeguarding split` as sources arrive; never edit to improve a figure.\n")
        with path.open("a", encoding="utf-8") as out:
            out.write(header + "".join(f"{key}\n" for key in keys))
    click.echo(f"{len(test)} new test and {len(train)} new training sources frozen")


@safeguarding_cli.command("train")
def train_command():
    """Fit the classifier on the training split and write intake/safeguarding/model.zip."""
    _require_sklearn()
    from intake.safeguarding import training
    _items, train, _test = _split()
    started = time.monotonic()
    click.echo(f"cross-validating on {len(train)} training items (5 folds by source)...")
    readings = training.read_terms(train)
    probabilities = training.out_of_fold(train)
    threshold, weak = training.choose_thresholds(train, readings, probabilities)
    click.echo(f"threshold {threshold:.2f}, weak terms from {weak:.3f}; fitting the model...")
    model = training.fit(train, threshold, weak)
    classifier.save(model, classifier.model_path())
    classifier.shipped.cache_clear()
    click.echo(f"wrote {classifier.model_path()} ({len(model.vocabulary)} features, "
               f"{time.monotonic() - started:.0f} s)")


def _print_table(title: str, rows: dict[str, dict]) -> None:
    click.echo(f"\n{title}")
    click.echo(f"  {'':24} {'disc':>5} {'neg':>5} {'recall':>7} {'precis':>7} "
               f"{'lexicon':>8} {'model':>6}")
    for key, row in rows.items():
        click.echo(f"  {key:24} {row['disclosures']:5d} {row['negatives']:5d} "
                   f"{row['recall']:7.3f} {row['precision']:7.3f} "
                   f"{row['lexicon_recall']:8.3f} {row['model_recall']:6.3f}")


def _print_categories(rows: dict[str, dict]) -> None:
    click.echo("\nfrozen split, per category (named: the signal names this category)")
    click.echo(f"  {'':24} {'disc':>5} {'recall':>7} {'named':>7} {'lexicon':>8} {'model':>6}")
    for key, row in rows.items():
        click.echo(f"  {key:24} {row['disclosures']:5d} {row['recall']:7.3f} "
                   f"{row['named']:7.3f} {row['lexicon_recall']:8.3f} {row['model_recall']:6.3f}")


@safeguarding_cli.command("eval")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--no-cv", is_flag=True, help="Only the frozen split (cross-validation takes a minute).")
def eval_command(as_json, no_cv):
    """Recall and precision per language and category: frozen split and 5-fold CV."""
    _require_sklearn()
    from intake.safeguarding import detect, training
    _items, train, test = _split()
    model = classifier.shipped()
    if model is None:
        click.echo("error: no model; run `intake safeguarding train`", err=True)
        sys.exit(2)
    figures = {"model_fingerprint": model.fingerprint, "threshold": model.threshold,
               "weak_threshold": model.weak_threshold}
    readings = training.read_terms(test)
    probabilities = training.model_probabilities(model, test)
    every = lambda i: ["all"]  # noqa: E731
    figures["frozen"] = {
        "all": training.table(test, readings, probabilities, model.threshold,
                              model.weak_threshold, every)["all"],
        "language": training.table(test, readings, probabilities, model.threshold,
                                   model.weak_threshold, lambda i: [i.lang]),
        "category": training.table(test, readings, probabilities, model.threshold,
                                   model.weak_threshold, lambda i: [i.category] if i.category else []),
    }
    named: dict[str, list[bool]] = {}
    for item in test:
        if item.disclosure:
            found = detect(item.text)
            if found:
                named.setdefault(item.category, []).append(item.category in found.categories)
    for category, row in figures["frozen"]["category"].items():
        hits = named.get(category, [])
        row["named"] = sum(hits) / len(hits) if hits else 0.0
    if not no_cv:
        train_readings = training.read_terms(train)
        oof = training.out_of_fold(train)
        figures["cross_validation"] = {
            "all": training.table(train, train_readings, oof, model.threshold,
                                  model.weak_threshold, every)["all"],
            "language": training.table(train, train_readings, oof, model.threshold,
                                       model.weak_threshold, lambda i: [i.lang]),
        }
    if as_json:
        click.echo(json.dumps(figures, indent=1, sort_keys=True))
        return
    click.echo(f"model {model.fingerprint}, threshold {model.threshold:.2f}, "
               f"weak terms from {model.weak_threshold:.3f}")
    click.echo(f"frozen test split: {len(test)} items from sources no training item or "
               "lexicon entry came from")
    _print_table("frozen split, all languages", {"all": figures["frozen"]["all"]})
    _print_table("frozen split, per language", figures["frozen"]["language"])
    _print_categories(figures["frozen"]["category"])
    if not no_cv:
        _print_table("5-fold cross-validation by source, training split",
                     {"all": figures["cross_validation"]["all"]})
        _print_table("5-fold cross-validation, per language",
                     figures["cross_validation"]["language"])
