"""Turn results.json into the markdown table (results.md), the chart (chart.png) and target checks."""

from __future__ import annotations

import json
from pathlib import Path


def _get(data: dict, *keys, default=None):
    for key in keys:
        if not isinstance(data, dict) or key not in data:
            return default
        data = data[key]
    return data


def _fmt(value, unit: str = "") -> str:
    if value is None:
        return "–"
    if isinstance(value, str):
        return value
    if isinstance(value, int):
        return f"{value:,} {unit}".strip()
    if abs(value) >= 100:
        text = f"{value:,.0f}"
    elif abs(value) >= 10:
        text = f"{value:.1f}"
    elif abs(value) >= 1:
        text = f"{value:.2f}"
    else:
        text = f"{value:.3f}"
    return f"{text} {unit}".strip()


QUIET_LOAD = 0.5  # a bot/peer ratio measured with a higher load average is marked, never a figure to quote


def peak_load(document: dict) -> float:
    """How many cores other work kept busy during the run: the machine's busy CPU less the
    benchmark's own (`other_load`, bench/run.py). Older results have only load averages, the
    highest of before and after (which counts the benchmark itself)."""
    load = document.get("load_average", {})
    if "other_load" in document:  # measured during the run: the load before it lags a minute behind
        return document["other_load"]
    return max([values[0] for values in (load.get("before"), load.get("after")) if values] or [0.0])


def quiet(document: dict) -> bool:
    return peak_load(document) <= QUIET_LOAD and not slowed(document)


SLOWER = 1.25  # the speed probe this much slower than at its best: the machine is not at full speed


def slowed(document: dict) -> float | None:
    """How much slower the run's slowest speed probe (bench/run.py, `speed_probe`) was than the
    fastest this CPU has given (this run's or an earlier result's), when above SLOWER; else None.
    Results without probes are never called slowed."""
    probes = document.get("speed_probe_s") or []
    if not probes:
        return None
    best = min([*probes, *([document["best_probe_s"]] if document.get("best_probe_s") else [])])
    return round(max(probes) / best, 2) if max(probes) > SLOWER * best else None


def _why_not_quiet(document: dict) -> str:
    slower = slowed(document)
    return f"load {peak_load(document):.1f}" if peak_load(document) > QUIET_LOAD else f"probe {slower:.2f}x slower"


def best_probe(results: Path, cpu: str) -> float | None:
    """The fastest speed probe among the results kept in `results` measured on this CPU."""
    found = []
    for path in results.glob("*.json"):
        try:
            document = json.loads(path.read_text())
        except (OSError, ValueError):
            continue
        machine = document.get("machine") if isinstance(document, dict) else None
        if isinstance(machine, dict) and machine.get("cpu") == cpu:  # other benchmarks name it in a string
            found += document.get("speed_probe_s") or []
    return min(found) if found else None


def _ratio(bot, peer, noisy: bool = False) -> str:
    if not isinstance(bot, (int, float)) or not isinstance(peer, (int, float)) or not peer:
        return ""
    return f"{bot / peer:.2f}" + (" (not quiet)" if noisy else "")


def rows(corpus: dict) -> list[tuple[str, object, object, str]]:
    """(measure, bot, peer, unit) for one corpus; the peer cell may be None or a note."""
    bot, peer = corpus.get("bot", {}), corpus.get("peer")
    out = []

    def add(measure, b, p, unit=""):
        out.append((measure, b, p if peer is not None else None, unit))

    add("chunks", _get(bot, "chunks"), _get(peer, "chunks"))
    if not corpus.get("synthetic"):
        add("tokens embedded (full build)", _get(bot, "full", "tokens"), _get(peer, "full", "tokens"))
        add("full build", _get(bot, "full", "seconds"), _get(peer, "full", "seconds"), "s")
        add("full build: chunks/s", _get(bot, "full", "chunks_per_s"), _get(peer, "full", "chunks_per_s"))
        add("full build: tokens/s", _get(bot, "full", "tokens_per_s"), _get(peer, "full", "tokens_per_s"))
        add("full build: peak RSS", _get(bot, "full", "peak_rss_mb"), _get(peer, "full", "peak_rss_mb"), "MB")
        add("full build: the encoder alone over the same chunks", _get(bot, "full", "encoder_s"), None, "s")
        encoder, whole = _get(bot, "full", "encoder_s"), _get(bot, "full", "seconds")
        add("full build / the encoder alone (1 = encoder-bound)", whole / encoder if encoder and whole else None, None)
        full = _get(peer, "full", "seconds")
        add("incremental build (1 article edited)", _get(bot, "incremental", "seconds"), full, "s")
        add("incremental build: peak RSS", _get(bot, "incremental", "peak_rss_mb"),
            _get(peer, "full", "peak_rss_mb"), "MB")
        add("no-change build", _get(bot, "nochange", "seconds"), full, "s")
    add("index on disk", _mb(_get(bot, "index_bytes")), _mb(_get(peer, "index_bytes")), "MB")
    add("start-up to first answer", _get(bot, "serve", "startup_s"), _get(peer, "serve", "startup_s"), "s")
    for p in ("p50", "p95", "p99"):
        add(f"per question {p} (bot: full answer; peer: search)", _get(bot, "serve", "ask", p),
            _get(peer, "serve", "search", p), "ms")
    add("per question p50, retrieval only (embed + search)", _get(bot, "serve", "retrieve", "p50"),
        _get(peer, "serve", "search", "p50"), "ms")
    add("serving: peak RSS", _get(bot, "serve", "peak_rss_mb"), _get(peer, "serve", "peak_rss_mb"), "MB")
    add("serving: own (anonymous) memory after the questions", _get(bot, "serve", "memory_after", "anon_mb"),
        _get(peer, "serve", "memory_after", "anon_mb"), "MB")
    if corpus.get("synthetic"):
        add("first start after the build (page cache cold-ish)", _get(bot, "first_startup_s"),
            _get(peer, "first_startup_s"), "s")
    return out


def _mb(value):
    return None if value is None else value / 2**20


def bot_only(corpus: dict) -> list[tuple[str, str]]:
    bot = corpus.get("bot", {})
    serve = bot.get("serve", {})
    stages = ("embed", "dense", "bm25", "candidates", "rank")
    ask, retrieve = _get(serve, "ask", "p50"), _get(serve, "retrieve", "p50")
    prof = bot.get("load_profile", {})
    out = [("dense index", _get(bot, "recall", "dense_index") or serve.get("dense_index")),
           (f"recall@10 vs exact search over the {_get(bot, 'recall', 'exact_over') or ''} vectors",
            _fmt(_get(bot, "recall", "recall_at_10"))),
           ("stage p50: embed question / dense search / BM25 / candidate sentences and features / rank",
            " / ".join(_fmt(_get(serve, s, "p50"), "ms") for s in stages)),
           ("stage p95: same stages", " / ".join(_fmt(_get(serve, s, "p95"), "ms") for s in stages)),
           ("answer step p50 (full answer minus retrieval)",
            _fmt(ask - retrieve, "ms") if ask is not None and retrieve is not None else "–"),
           ("start-up in the serving process: load index + model / first answer",
            f"{_fmt(serve.get('load_s'), 's')} / {_fmt(serve.get('first_ask_s'), 's')}"),
           ("store.load alone / of which: sha256 of all files, row arrays + FAISS + BM25 open",
            " / ".join(_fmt(prof.get(k), "s") for k in ("store_load_s", "sha256_all_files_s", "arrays_faiss_bm25_s"))),
           ("memory after load: own (anonymous) / mapped files",
            f"{_fmt(_get(serve, 'memory_loaded', 'anon_mb'), 'MB')} / {_fmt(_get(serve, 'memory_loaded', 'file_mb'), 'MB')}"),
           ("memory after the questions: own / mapped files",
            f"{_fmt(_get(serve, 'memory_after', 'anon_mb'), 'MB')} / {_fmt(_get(serve, 'memory_after', 'file_mb'), 'MB')}"),
           ("questions answered (not declined)", _fmt(serve.get("answered")))]
    if corpus.get("synthetic"):
        g = bot.get("generated", {})
        out.append(("synthetic index: BM25 / dense index build", f"{_fmt(g.get('bm25_build_s'), 's')} / "
                                                                f"{_fmt(g.get('dense_build_s'), 's')}"))
    if bot.get("incremental"):
        out.append(("incremental build: chunks embedded / reused",
                    f"{bot['incremental']['chunks']} / {bot['incremental'].get('reused')}"))
    return out


def one_line(corpus: dict) -> str:
    bot, peer = corpus.get("bot", {}), corpus.get("peer") or {}
    parts = [f"[{corpus['name']}] done:"]
    if "full" in bot:
        parts.append(f"build {_fmt(bot['full']['seconds'], 's')} (peer {_fmt(_get(peer, 'full', 'seconds'), 's')})")
    parts.append(f"start-up {_fmt(_get(bot, 'serve', 'startup_s'), 's')} "
                 f"(peer {_fmt(_get(peer, 'serve', 'startup_s'), 's')})")
    parts.append(f"p50 {_fmt(_get(bot, 'serve', 'ask', 'p50'), 'ms')} "
                 f"(peer {_fmt(_get(peer, 'serve', 'search', 'p50'), 'ms')})")
    parts.append(f"recall@10 {_fmt(_get(bot, 'recall', 'recall_at_10'))}")
    return " ".join(parts)


def targets(document: dict) -> list[dict]:
    """The issue's targets, checked against this run (only for corpora that were measured)."""
    if document.get("quick"):
        return []
    by_name = {c["name"]: c for c in document["corpora"]}
    out = []

    def check(name, text, value, ok, shown):
        if name in by_name and value is not None:
            out.append({"target": text, "value": shown, "met": bool(ok(value))})

    squad, big = by_name.get("squad", {}), by_name.get("1m", {})
    bot_full, peer_full = _get(squad, "bot", "full", "seconds"), _get(squad, "peer", "full", "seconds")
    speedup = peer_full / bot_full if bot_full and peer_full else None
    calm = quiet(document)  # under load the peer suffers more: a ratio then says little
    check("squad", f"SQuAD 48 articles: full build >= 3x faster than the peer, on a quiet machine (load <= {QUIET_LOAD})",
          speedup, lambda v: v >= 3 and calm,
          (f"{speedup:.2f}x" + ("" if calm else f", {_why_not_quiet(document)}: not quiet")) if speedup else "")
    check("squad", "SQuAD 48 articles: full build >= 3.5x faster than the peer, on a quiet machine",
          speedup, lambda v: v >= 3.5 and calm, f"{speedup:.2f}x" if speedup else "")
    encoder = _get(squad, "bot", "full", "encoder_s")
    bound = bot_full / encoder if bot_full and encoder else None
    check("squad", "SQuAD: full build at most 1.2x the encoder's own time over the same chunks", bound,
          lambda v: v <= 1.2, f"{bound:.2f}x" if bound else "")
    p50 = _get(squad, "bot", "serve", "ask", "p50")
    check("squad", "SQuAD: per question p50 <= 15 ms", p50, lambda v: v <= 15, _fmt(p50, "ms"))
    check("squad", "SQuAD: per question p50 <= 12 ms", p50, lambda v: v <= 12, _fmt(p50, "ms"))
    start = _get(squad, "bot", "serve", "startup_s")
    check("squad", "SQuAD: start-up to first answer <= 3 s", start, lambda v: v <= 3, _fmt(start, "s"))
    p50 = _get(big, "bot", "serve", "ask", "p50")
    check("1m", "1M chunks: per question p50 <= 30 ms", p50, lambda v: v <= 30, _fmt(p50, "ms"))
    rec = _get(big, "bot", "recall", "recall_at_10")
    check("1m", "1M chunks: recall@10 vs exact >= 0.98", rec, lambda v: v >= 0.98, _fmt(rec))
    start = _get(big, "bot", "serve", "startup_s")
    check("1m", "1M chunks: start-up to first answer <= 10 s", start, lambda v: v <= 10, _fmt(start, "s"))
    rss = _get(big, "bot", "serve", "peak_rss_mb")
    check("1m", "1M chunks: serving peak RSS < 3 GB", rss, lambda v: v < 3072, _fmt(rss, "MB"))
    own = _get(big, "bot", "serve", "memory_after", "anon_mb")
    check("1m", "1M chunks: serving own memory (anonymous, mapped index files not counted) < 3 GB", own,
          lambda v: v < 3072, _fmt(own, "MB"))
    return out


def summary_table(document: dict) -> str:
    """The short table for the README: one row per corpus, bot (peer) for the main figures."""
    lines = ["| corpus | chunks bot (peer) | full build s | start-up s | p50 / p95 ms per question | "
             "serving peak RSS MB | own memory MB | recall@10 |",
             "|---|---|---|---|---|---|---|---|"]
    for c in document["corpora"]:
        bot, peer = c.get("bot", {}), c.get("peer") or {}

        def pair(b, p, unit=""):
            return f"{_fmt(b)} ({_fmt(p)})" if p is not None else _fmt(b)

        lines.append("| " + " | ".join([
            c["label"],
            pair(bot.get("chunks"), peer.get("chunks")),
            pair(_get(bot, "full", "seconds"), _get(peer, "full", "seconds")) if "full" in bot else "–",
            pair(_get(bot, "serve", "startup_s"), _get(peer, "serve", "startup_s")),
            f"{_fmt(_get(bot, 'serve', 'ask', 'p50'))} / {_fmt(_get(bot, 'serve', 'ask', 'p95'))} "
            f"({_fmt(_get(peer, 'serve', 'search', 'p50'))} / {_fmt(_get(peer, 'serve', 'search', 'p95'))})",
            pair(_get(bot, "serve", "peak_rss_mb"), _get(peer, "serve", "peak_rss_mb")),
            pair(_get(bot, "serve", "memory_after", "anon_mb"), _get(peer, "serve", "memory_after", "anon_mb")),
            _fmt(_get(bot, "recall", "recall_at_10")),
        ]) + " |")
    return "\n".join(lines)


def markdown(document: dict) -> str:
    m, v = document["machine"], document["versions"]
    lines = [
        "# Benchmark results",
        "",
        f"`{document['command']}` at commit {document.get('commit')}, started {document['started']}, "
        f"took {document['seconds'] / 60:.0f} min"
        + (" (**quick smoke run: small slices, not representative**)" if document.get("quick") else "") + ".",
        "",
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB, {m['system']}, Python {m['python']}. "
        f"Load average before / after: {' '.join(f'{x:.1f}' for x in document['load_average']['before'])} / "
        f"{' '.join(f'{x:.1f}' for x in document['load_average']['after'])}"
        + (f"; cores kept busy by other work during the run: {document['other_load']:.2f}" if "other_load" in document
           else "") + f". {document['note']}.",
        "",
        *([] if not document.get("speed_probe_s") else [
            "Speed probe (a fixed one-core workload, before, between and after the corpora): "
            + ", ".join(f"{p:.3f}" for p in document["speed_probe_s"]) + " s"
            + (f"; this CPU's best {document['best_probe_s']:.3f} s" if document.get("best_probe_s") else "") + ".", ""]),
        *([] if peak_load(document) <= QUIET_LOAD else [
            f"**Not a quiet machine**: other work kept {peak_load(document):.1f} cores busy (above {QUIET_LOAD}); "
            "the bot/peer ratios of this run are marked \"not quiet\" and are not figures to quote.", ""]),
        *([] if not slowed(document) else [
            f"**Not a machine at full speed**: the speed probe ran up to {slowed(document):.2f}x slower than this "
            "CPU's best, with no other work seen (a virtual machine's host can take its cycles unseen): the "
            "figures of this run are marked \"not quiet\" and are not figures to quote.", ""]),
        f"Model: {document['model']['name']}. Bot: {document['model']['bot']}. "
        f"Peer: {document['model']['peer']}.",
        "",
        "Versions: " + ", ".join(f"{k} {val}" for k, val in v.items() if val) + ".",
        "",
        "Bot = `python -m bot index` then `Engine.ask` (retrieval and the extractive answer). Peer = LangChain's "
        "standard pipeline (`bot/peer.py`: RecursiveCharacterTextSplitter(1000, 200), HuggingFaceEmbeddings, "
        "FAISS.from_documents, save_local / load_local, similarity_search k=8). Every build and every serving "
        "session runs in a fresh process: seconds are wall time from process start (start-up: to the first "
        "answer), peak RSS is the kernel's high-water mark for that process: it counts the memory-mapped index "
        "files' pages once touched, which are shared page cache the kernel can take back; \"own memory\" is "
        "the process's anonymous memory (RssAnon). Latencies are per question, after start-up. The "
        "peer has no incremental mode: after any change it rebuilds everything, so its incremental and "
        "no-change cells are its full build. Synthetic corpora: made-up texts and vectors (bench/synthetic.py), "
        "serving side only; their questions are SQuAD's.",
        "",
    ]
    if document.get("targets"):
        lines += ["## Targets", "", "| target | this run | met |", "|---|---|---|"]
        lines += [f"| {t['target']} | {t['value']} | {'yes' if t['met'] else '**no**'} |" for t in document["targets"]]
        lines.append("")
    lines += ["## Summary (bot, peer in brackets)", "", summary_table(document), ""]
    for corpus in document["corpora"]:
        lines += [f"## {corpus['label']}", "",
                  f"{corpus['documents']:,} documents, {corpus['questions']} timed questions.", "",
                  "| measure | bot | peer | bot/peer |", "|---|---|---|---|"]
        for measure, bot, peer, unit in rows(corpus):
            lines.append(f"| {measure} | {_fmt(bot, unit)} | {_fmt(peer, unit) if peer is not None else '–'} "
                         f"| {_ratio(bot, peer, not quiet(document) and (unit in ('s', 'ms') or '/s' in measure))} |")
        lines += ["", "| bot only | |", "|---|---|"]
        lines += [f"| {k} | {val} |" for k, val in bot_only(corpus)]
        lines.append("")
    return "\n".join(lines)


def chart(document: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    corpora = document["corpora"]
    panels = [
        ("full build (s)", lambda c, s: _get(c, s, "full", "seconds"), True),
        ("start-up to first answer (s)", lambda c, s: _get(c, s, "serve", "startup_s"), True),
        ("per question p50 (ms)",
         lambda c, s: _get(c, s, "serve", "ask" if s == "bot" else "search", "p50"), True),
        ("serving peak RSS (MB)", lambda c, s: _get(c, s, "serve", "peak_rss_mb"), False),
    ]
    fig, axes = plt.subplots(2, 2, figsize=(9, 5.6), dpi=80)
    for ax, (title, value, log) in zip(axes.flat, panels):
        shown = [c for c in corpora if not (c.get("synthetic") and "build" in title)]
        names = [c["label"].replace(" (", "\n(").replace("synthetic ", "synthetic\n") for c in shown]
        x = np.arange(len(shown))
        for offset, system, color in ((-0.2, "bot", "#2b7bba"), (0.2, "peer", "#e08a2c")):
            heights = [value(c, system) or 0 for c in shown]
            bars = ax.bar(x + offset, heights, 0.4, label=system if system == "bot" else "peer (LangChain)",
                          color=color)
            for bar, h in zip(bars, heights):
                if h:
                    ax.annotate(_fmt(h), (bar.get_x() + bar.get_width() / 2, h), ha="center", va="bottom",
                                fontsize=6)
        ax.set_title(title, fontsize=9)
        ax.set_xticks(x, names, fontsize=6)
        ax.tick_params(axis="y", labelsize=7)
        if log:
            ax.set_yscale("log")
    axes.flat[0].legend(fontsize=7)
    fig.suptitle(f"seedbot vs LangChain FAISS pipeline — {document['machine']['cpu']}, "
                 f"{document['machine']['cores']} cores", fontsize=9)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
