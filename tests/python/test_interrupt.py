"""Ctrl-C during a long run raises KeyboardInterrupt promptly and returns nothing; and the run
releases the GIL (the signal is sent by a Python thread, which could not run otherwise)."""

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent("""
    import os, signal, sys, threading, time
    import removalsim
    scenario = removalsim.load(sys.argv[1])
    # The signal comes from another Python thread while the main thread waits in `run`: that
    # thread runs only if `run` released the GIL, and Python runs the handler on the main thread,
    # as for Ctrl-C.
    threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT)).start()
    started = time.monotonic()
    result = None
    try:
        result = removalsim.run(scenario, replications=20, threads=2)
    except KeyboardInterrupt:
        print(f"interrupted after {time.monotonic() - started:.2f} s, result {result}")
""")


def test_interrupt_raises_keyboard_interrupt_and_returns_nothing(data):
    finished = subprocess.run([sys.executable, "-c", SCRIPT, str(data / "long.yaml")],
                              capture_output=True, text=True, timeout=60)
    assert finished.returncode == 0, finished.stderr
    words = finished.stdout.split()
    assert words[:2] == ["interrupted", "after"], finished.stdout
    assert float(words[2]) < 5.0, finished.stdout
    assert words[-2:] == ["result", "None"], finished.stdout
