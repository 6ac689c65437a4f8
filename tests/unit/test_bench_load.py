"""The benchmark tells other work from its own: a ratio is marked "not quiet" for the cores other
processes kept busy, not for the load the benchmark itself made (bench/run.py, bench/report.py)."""

import json

from bench import report
from bench.run import busy_seconds, own_seconds, speed_probe


def test_the_benchmarks_own_load_does_not_make_a_run_noisy():
    own_only = {"load_average": {"before": [0.3, 0.5, 0.6], "after": [1.9, 1.2, 0.8]}, "other_load": 0.1}
    assert report.quiet(own_only) and report.peak_load(own_only) == 0.1
    assert not report.quiet({**own_only, "other_load": 0.9})  # another process took most of a core
    # The load average before lags a minute behind work that stopped just before the run: not counted.
    assert report.quiet({**own_only, "load_average": {"before": [1.2, 1, 1], "after": [1.9, 1, 1]}})
    assert not report.quiet({"load_average": {"before": [0.3, 0, 0], "after": [1.9, 0, 0]}})  # older results


def test_busy_cpu_of_the_machine_counts_this_process_too():
    busy, own = busy_seconds(), own_seconds()
    sum(i * i for i in range(3_000_000))  # a fraction of a second of this process's CPU
    spent = own_seconds() - own
    assert spent > 0.05 and busy_seconds() - busy >= 0.8 * spent


def test_a_machine_running_slower_than_its_best_is_not_quiet(tmp_path):
    """A host that takes the VM's cycles shows no load: the speed probe does, against this run's
    fastest probe or the fastest an earlier result on the same CPU recorded."""
    steady = {"other_load": 0.0, "speed_probe_s": [0.100, 0.104, 0.110]}
    assert report.quiet(steady) and report.slowed(steady) is None
    varying = {**steady, "speed_probe_s": [0.100, 0.190, 0.105]}  # slowed down mid-run
    assert not report.quiet(varying) and report.slowed(varying) == 1.9
    (tmp_path / "earlier.json").write_text(json.dumps({"machine": {"cpu": "Some CPU"}, "speed_probe_s": [0.05, 0.06]}))
    (tmp_path / "other-cpu.json").write_text(json.dumps({"machine": {"cpu": "Another"}, "speed_probe_s": [0.01]}))
    (tmp_path / "broken.json").write_text("{")
    (tmp_path / "outage.json").write_text(json.dumps({"machine": "Some CPU, 2 cores"}))  # another benchmark's
    best = report.best_probe(tmp_path, "Some CPU")
    assert best == 0.05
    assert not report.quiet({**steady, "best_probe_s": best})  # steady, but at half speed all along
    assert report.quiet({"other_load": 0.0})  # older results have no probe


def test_the_speed_probe_times_real_work():
    assert 0 < speed_probe(rounds=1) < 10
