#!/usr/bin/env python3
"""Run `trailreplay analyze` on Apache Spark, with the results a single local run would give.

    Scripts/spark/analyze.py ARCHIVE --snapshot DIR --output OUT [--master URL] [--partitions N]
                             [--trailreplay BIN] [--account ID]… [--region R]… [--from T] [--to T]

ARCHIVE is a folder of CloudTrail logs (the S3 layout, any depth) that every executor can read at the same path
(local mode, a shared or mounted file system), or an `s3://BUCKET/PREFIX` (or `s3a://`) URL: the driver lists
its objects and each executor reads its part's objects by their `s3://bucket/key` names, with the credentials
and endpoint of its environment (the AWS CLI's: variables, profile, container or instance role). The `trailreplay` binary is the unit of work: it is shipped to
the executors with SparkContext.addFile (or found at the same path there); this script only orchestrates.

  1. The driver lists the log files (`trailreplay index --list`) and splits them, in that order, into N
     contiguous parts.
  2. Each part runs `trailreplay index` on its files; the indexes, concatenated in part order, are the index of
     the whole archive (its sessions, policy changes and failure eventIDs), broadcast to every executor.
  3. Each part runs `trailreplay analyze --index INDEX` on its files: sessions issued in another part are known,
     and a failure first delivered in another part is a duplicate there, as in a single run.
  4. The results are written as JSON Lines part files under OUT (part-00000, …, in the order of the files, so
     their concatenation is a local `analyze`'s output), and `trailreplay summarize` writes OUT/summary.json and
     OUT/summary.txt (the summary `analyze` prints). Each part's diagnostics go to OUT/logs/.

OUT must not exist; it is a local path (or a mounted one, such as /dbfs/… on Databricks) of the driver.
Exit status: 0 when every part read everything, 1 when some file or record could not be read, 2 when a part
failed outright or the output could not be written, 64 on usage errors.
"""
import argparse
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile

EXIT_USAGE = 64


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description="Run trailreplay analyze on Spark.")
    parser.add_argument("archive")
    parser.add_argument("--snapshot", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--master", default=None, help="Spark master URL (default: spark-submit's, else local[2])")
    parser.add_argument("--partitions", type=int, default=None, help="parts to split the files into")
    parser.add_argument("--trailreplay", default=None, help="the trailreplay binary (default: on PATH)")
    parser.add_argument("--account", action="append", default=[])
    parser.add_argument("--region", action="append", default=[])
    parser.add_argument("--from", dest="start", default=None)
    parser.add_argument("--to", dest="end", default=None)
    arguments = parser.parse_args(argv)
    if arguments.partitions is not None and arguments.partitions < 1:
        parser.error("--partitions must be at least 1")
    if os.path.exists(arguments.output):
        parser.error(f"--output {arguments.output} exists: give a path that does not")
    binary = arguments.trailreplay or shutil.which("trailreplay")
    if not binary or not os.access(binary, os.X_OK):
        parser.error("no trailreplay binary: give --trailreplay BIN or put it on PATH")
    arguments.trailreplay = os.path.abspath(binary)
    remote = is_s3_url(arguments.archive)
    for path in ([] if remote else [arguments.archive]) + [arguments.snapshot]:
        if not os.path.isdir(path):
            parser.error(f"{path}: not a directory")
    if not remote:
        arguments.archive = os.path.abspath(arguments.archive)
    arguments.snapshot = os.path.abspath(arguments.snapshot)
    return arguments


def is_s3_url(text):
    """Whether ARCHIVE is an S3 URL (trailreplay reads s3://, s3a:// and s3n:// alike)."""
    return text.lower().startswith(("s3://", "s3a://", "s3n://"))


def filter_options(arguments):
    options = []
    for account in arguments.account:
        options += ["--account", account]
    for region in arguments.region:
        options += ["--region", region]
    if arguments.start:
        options += ["--from", arguments.start]
    if arguments.end:
        options += ["--to", arguments.end]
    return options


def split(files, parts):
    """Contiguous parts of `files` in order, as even as possible, none empty."""
    parts = max(1, min(parts, len(files)))
    size, extra = divmod(len(files), parts)
    result, start = [], 0
    for number in range(parts):
        end = start + size + (1 if number < extra else 0)
        result.append(files[start:end])
        start = end
    return result


def executor_binary(name):
    """The shipped binary, executable, on this executor."""
    from pyspark import SparkFiles

    path = SparkFiles.get(name)
    mode = os.stat(path).st_mode
    if not mode & stat.S_IXUSR:
        os.chmod(path, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


def index_part(binary_name, options):
    def run(parts):
        for number, files in parts:
            done = subprocess.run([executor_binary(binary_name), "index", "--jobs", "1", *options, *files],
                                  capture_output=True)
            yield number, done.returncode, done.stdout, done.stderr
    return run


def analyze_part(binary_name, snapshot, options, index):
    def run(parts):
        for number, files in parts:
            with tempfile.NamedTemporaryFile(prefix="trailreplay-index-", suffix=".jsonl") as handle:
                handle.write(index.value)
                handle.flush()
                done = subprocess.run([executor_binary(binary_name), "analyze", "--index", handle.name,
                                       "--snapshot", snapshot, "--jobs", "1", *options, *files],
                                      capture_output=True)
            yield ("log", number, done.returncode, done.stderr.decode("utf-8", "replace"))
            for line in done.stdout.decode("utf-8").splitlines():
                yield ("result", number, line)
    return run


def write_log(folder, name, text):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "w", encoding="utf-8") as handle:
        handle.write(text)


def main(argv):
    arguments = parse_arguments(argv)
    options = filter_options(arguments)
    listing = subprocess.run([arguments.trailreplay, "index", "--list", *options, arguments.archive],
                             capture_output=True, text=True)
    sys.stderr.write(listing.stderr)
    files = [line for line in listing.stdout.splitlines() if line]
    if listing.returncode not in (0, 1) or not files:
        print(f"error: {arguments.archive}: no log files to analyze", file=sys.stderr)
        return 1 if listing.returncode in (0, 1) else listing.returncode

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("trailreplay-analyze").config("spark.ui.showConsoleProgress", "false")
    # Under spark-submit (which starts the JVM and sets PYSPARK_GATEWAY_PORT) its --master holds.
    if arguments.master or "PYSPARK_GATEWAY_PORT" not in os.environ:
        builder = builder.master(arguments.master or "local[2]")
    spark = builder.getOrCreate()
    context = spark.sparkContext
    context.setLogLevel("ERROR")
    try:
        context.addFile(arguments.trailreplay)
        binary_name = os.path.basename(arguments.trailreplay)
        parts = split(files, arguments.partitions or context.defaultParallelism)
        numbered = list(enumerate(parts))
        worst = 0 if listing.returncode == 0 else 1
        logs = os.path.join(arguments.output, "logs")

        indexed = sorted(context.parallelize(numbered, len(parts))
                         .mapPartitions(index_part(binary_name, options)).collect())
        for number, code, _, errors in indexed:
            write_log(logs, f"index-{number:05d}.txt", errors.decode("utf-8", "replace"))
            worst = max(worst, code)
        if any(code not in (0, 1) for _, code, _, _ in indexed):
            print(f"error: indexing failed; see {logs}", file=sys.stderr)
            return 2
        index_bytes = b"".join(stdout for _, _, stdout, _ in indexed)
        index = context.broadcast(index_bytes)

        analyzed = (context.parallelize(numbered, len(parts))
                    .mapPartitions(analyze_part(binary_name, arguments.snapshot, options, index))
                    .cache())
        results_folder = os.path.join(arguments.output, "results")
        analyzed.filter(lambda item: item[0] == "result").map(lambda item: item[2]) \
            .saveAsTextFile("file://" + os.path.abspath(results_folder))
        for _, number, code, errors in sorted(item for item in analyzed.filter(lambda item: item[0] == "log").collect()):
            write_log(logs, f"analyze-{number:05d}.txt", errors)
            worst = max(worst, code)

        index_path = os.path.join(arguments.output, "index.jsonl")
        with open(index_path, "wb") as handle:
            handle.write(index_bytes)
        part_files = sorted(os.path.join(results_folder, name) for name in os.listdir(results_folder)
                            if name.startswith("part-"))
        for form, name in (("json", "summary.json"), ("text", "summary.txt")):
            summary = subprocess.run([arguments.trailreplay, "summarize", "--index", index_path, "--format", form,
                                      "--output", os.path.join(arguments.output, name), *part_files],
                                     capture_output=True, text=True)
            sys.stderr.write(summary.stderr)
            worst = max(worst, summary.returncode)
        with open(os.path.join(arguments.output, "summary.txt"), encoding="utf-8") as handle:
            sys.stderr.write(handle.read())
        with open(os.path.join(arguments.output, "summary.json"), encoding="utf-8") as handle:
            counts = json.load(handle)
        print(f"{len(files)} files in {len(parts)} parts; {counts.get('total', 0)} results in {results_folder}",
              file=sys.stderr)
        return worst
    finally:
        spark.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
