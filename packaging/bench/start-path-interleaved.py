#!/usr/bin/env python3
"""check_drbd from two jars, run by java directly, interleaved old/new/old/new... so that a
shared machine's changing load hits both alike. Prints per JDK the median wall time, the median
user+sys CPU time of each jar and the median of the paired differences (new - old).

Usage: packaging/bench/start-path-interleaved.py OLD.jar NEW.jar [FIXTURE] [PAIRS]
A fixture ending in .json is read with --status-json, anything else with --proc-drbd.
JDK17= / JDK25= override where the JDKs' java binaries are.
"""
import os
import statistics
import subprocess
import sys
import time

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
old, new = sys.argv[1], sys.argv[2]
fixture = sys.argv[3] if len(sys.argv) > 3 and sys.argv[3] else os.path.join(
    root, "test-fixtures/drbd/8.4-peer-dunknown-while-connected.proc-drbd")
pairs = int(sys.argv[4]) if len(sys.argv) > 4 else 60
option = "--status-json" if fixture.endswith(".json") else "--proc-drbd"
# The flags the checks' launcher (packaging/native/vigil-check.c) uses without an archive.
flags = ["-XX:TieredStopAtLevel=1", "-XX:+UseG1GC", "-XX:-UsePerfData", "-Xss512k",
         "-Xmx64m", "-Xlog:disable", "-Xlog:all=warning:stderr"]
jdks = [os.environ.get("JDK17", "/usr/lib/jvm/java-17-openjdk-amd64/bin/java"),
        os.environ.get("JDK25", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java")]


def run(java, jar):
    argv = [java] + flags + ["-cp", jar, "org.vigil.drbd.cli.CheckDrbd", option, fixture]
    start = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    _, _, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    return wall * 1000, (usage.ru_utime + usage.ru_stime) * 1000


print("fixture:", fixture)
print(os.popen("uptime").read().strip())
for java in jdks:
    if not os.access(java, os.X_OK):
        print("skipped (no such JDK):", java)
        continue
    for _ in range(3):
        run(java, old), run(java, new)
    walls = {old: [], new: []}
    cpus = {old: [], new: []}
    for i in range(pairs):
        order = (old, new) if i % 2 == 0 else (new, old)
        for jar in order:
            wall, cpu = run(java, jar)
            walls[jar].append(wall)
            cpus[jar].append(cpu)
    for label, jar in (("old", old), ("new", new)):
        print("%s %s: median wall %6.1f ms, median cpu %6.1f ms (%d runs)" % (
            java, label, statistics.median(walls[jar]), statistics.median(cpus[jar]), pairs))
    print("%s: median paired difference new-old: wall %+6.1f ms, cpu %+6.1f ms" % (
        java, statistics.median(n - o for n, o in zip(walls[new], walls[old])),
        statistics.median(n - o for n, o in zip(cpus[new], cpus[old]))))
print(os.popen("uptime").read().strip())
