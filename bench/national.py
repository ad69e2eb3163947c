#!/usr/bin/env python3
"""National scale: builds the same generated handbook (21 regions) with sthandbok, Hugo and, when
the ZOLA variable names a binary, Zola, taking turns, and prints per size the median wall time,
the range, the peak memory and sthandbok's ratio to each tool.

    python3 bench/national.py [--sizes 1000,10000,100000] [--runs N] [--work DIR]

Hugo comes from Debian (`apt-get install hugo`); the benchmark never installs anything. The
handbooks are written by bench/generate.py into DIR (default: /dev/shm, so that every tool
writes to memory, not to a disk). Each run starts from an empty output folder; sources stay in
the page cache. `--smoke` builds once per tool at the given sizes and fails unless every tool
built every page, without judging any time (the test suite runs it at 1,000 pages).

Hugo and Zola make neither a PDF nor a print page of a whole site, so sthandbok is measured
without its whole handbook (`whole_handbook: false`) unless `--whole-handbook` asks for it;
the contracts' PDF and Word files are made in every run.
"""
import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
REGIONS = 21


def measured(command, out):
    """Runs a build into an empty `out`: wall seconds, peak memory in bytes, and what it printed."""
    shutil.rmtree(out, ignore_errors=True)
    with tempfile.TemporaryFile() as printed:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=printed, stderr=subprocess.STDOUT)
        # wait4 gives this child's own resource use; ru_maxrss is in KiB on Linux.
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        printed.seek(0)
        text = printed.read().decode(errors="replace")
    if process.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({process.returncode}):\n{text}")
    return wall, usage.ru_maxrss * 1024, text


def html_pages(out):
    """HTML files under the regions' folders."""
    return sum(1 for region in Path(out).glob("region*") for _ in region.rglob("*.html"))


def folder_bytes(out):
    return sum(f.stat().st_size for f in Path(out).rglob("*") if f.is_file())


def tools(args, work, sthandbok):
    found = [("sthandbok", lambda size: [str(sthandbok), "build", "--root", str(work / f"{size}" / "sthandbok"),
                                         "--out", str(work / "out")])]
    hugo = shutil.which("hugo")
    if hugo:
        found.append((hugo_version(hugo), lambda size: [hugo, "--quiet", "--source", str(work / f"{size}" / "hugo"),
                                                        "--destination", str(work / "out")]))
    else:
        print("Hugo is not installed (apt-get install hugo): measuring sthandbok alone.", file=sys.stderr)
        if args.smoke and not args.only:
            sys.exit("--smoke needs Hugo")
    zola = os.environ.get("ZOLA")
    if zola:
        found.append((zola_version(zola), lambda size: [zola, "--root", str(work / f"{size}" / "zola"), "build",
                                                        "--output-dir", str(work / "out"), "--force"]))
    if args.only:
        found = [(name, command) for name, command in found if name.lower().startswith(args.only.lower())]
    return found


def hugo_version(hugo):
    text = subprocess.run([hugo, "version"], capture_output=True, text=True).stdout
    found = re.search(r"v(\d+\.\d+\.\d+)", text)
    return f"Hugo {found.group(1)}" if found else "Hugo"


def zola_version(zola):
    text = subprocess.run([zola, "--version"], capture_output=True, text=True).stdout
    return f"Zola {text.split()[-1]}" if text.strip() else "Zola"


def check_output(name, size, text, out):
    """Every tool must have built every page: a build that skipped pages would look fast."""
    if name == "sthandbok":
        built = re.search(r"Byggde (\d+) sidor", text)
        if not built or int(built.group(1)) != size:
            sys.exit(f"sthandbok built {built.group(1) if built else 'no'} pages of {size}:\n{text}")
    else:
        pages = html_pages(out)
        if pages < size:
            sys.exit(f"{name} wrote {pages} HTML pages of {size}")


def machine():
    model = "unknown processor"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({model}), {memory:.0f} GiB, {platform.system()} {platform.release()}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000", help="pages over all regions, comma-separated")
    parser.add_argument("--runs", type=int, help="runs per tool and size (default: 5, 3 from 10,000, 1 from 100,000)")
    parser.add_argument("--work", help="folder for the handbooks and the output (default: under /dev/shm)")
    parser.add_argument("--binary", help="the sthandbok binary (default: built here with cargo build --release)")
    parser.add_argument("--smoke", action="store_true", help="one run, check the outputs, print no ratios")
    parser.add_argument("--only", help="measure only this tool (sthandbok, hugo or zola), e.g. at 100,000 pages")
    parser.add_argument("--whole-handbook", action="store_true",
                        help="sthandbok also makes each region's whole handbook as one PDF and one page to print, which the others do not")
    args = parser.parse_args()
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",")]

    if args.binary:
        sthandbok = Path(args.binary)
    else:
        subprocess.run(["cargo", "build", "--release", "--locked", "--quiet"], cwd=HERE, check=True)
        target = Path(os.environ.get("CARGO_TARGET_DIR", HERE / "target"))
        sthandbok = target / "release" / "sthandbok"
    base = Path(args.work) if args.work else Path("/dev/shm" if os.access("/dev/shm", os.W_OK) else tempfile.gettempdir())
    work = Path(tempfile.mkdtemp(prefix="sthandbok-national-", dir=base))
    try:
        print(f"Machine: {machine()}; output in {base}")
        builders = tools(args, work, sthandbok)
        rows = []
        for size in sizes:
            started = time.perf_counter()
            generator = [sys.executable, str(HERE / "bench" / "generate.py"), str(work / f"{size}" / "sthandbok"),
                         "--pages", str(size), "--regions", str(REGIONS),
                         "--hugo", str(work / f"{size}" / "hugo"), "--zola", str(work / f"{size}" / "zola")]
            if args.whole_handbook:
                generator.append("--whole-handbook")
            subprocess.run(generator, check=True)
            print(f"{size:,} pages generated in {time.perf_counter() - started:.1f} s", flush=True)
            runs = 1 if args.smoke else args.runs or (5 if size < 10_000 else 3 if size < 100_000 else 1)
            results = {name: [] for name, _ in builders}
            output = {}
            for _ in range(runs):
                for name, command in builders:
                    wall, peak, text = measured(command(size), work / "out")
                    check_output(name, size, text, work / "out")
                    results[name].append((wall, peak))
                    output[name] = folder_bytes(work / "out")
                    print(f"  {name:12} {wall:7.2f} s {peak / 2**20:7.0f} MiB", flush=True)
            shutil.rmtree(work / f"{size}")
            rows.append((size, results, output))
        print_table(rows, smoke=args.smoke)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def print_table(rows, smoke):
    """One row per size and tool, sthandbok's ratios to the tool first."""
    print()
    print("| pages | tool | sthandbok/tool: time | sthandbok/tool: peak memory | median wall | min–max "
          "| peak memory | output |")
    print("|---|---|---|---|---|---|---|---|")
    for size, results, output in rows:
        ours = results["sthandbok"]
        our_time = statistics.median([w for w, _ in ours])
        our_peak = max(p for _, p in ours)
        for name, measured_runs in results.items():
            walls = [w for w, _ in measured_runs]
            median = statistics.median(walls)
            peak = max(p for _, p in measured_runs)
            ratios = "– | –" if name == "sthandbok" or smoke else f"{our_time / median:.2f} | {our_peak / peak:.2f}"
            print(f"| {size:,} | {name} | {ratios} | {median:.2f} s | {min(walls):.2f}–{max(walls):.2f} s | "
                  f"{peak / 2**20:.0f} MiB | {output[name] / 2**20:.0f} MiB |")


if __name__ == "__main__":
    main()
