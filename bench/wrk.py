"""wrk, the HTTP load generator: one run against a URL, its rate and latencies in ms."""

import json
import re
import subprocess
import tempfile

UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def milliseconds(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


# With several paths, each connection asks for the next one in turn (a page cache that keeps
# one page cannot answer them all).
ROTATE = """
local paths = %s
local n = 0
request = function()
  n = n %% #paths + 1
  return wrk.format("GET", paths[n])
end
"""


def run_wrk(url, duration, connections, threads, paths=None):
    """Measure one URL, or `paths` on the server of `url` in turn, with wrk.

    Returns requests/s, p50 and p99 in ms, the number of requests, bad responses and errors.
    """
    if paths and len(paths) > 1:
        with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
            lua_list = "{" + ", ".join(json.dumps(path) for path in paths) + "}"
            script.write(ROTATE % lua_list)
            script.flush()
            return _run(url, duration, connections, threads, ["-s", script.name])
    return _run(url + (paths[0] if paths else ""), duration, connections, threads, [])


def _run(url, duration, connections, threads, extra):
    command = [
        "wrk",
        "--latency",
        "--timeout",
        "10s",
        "-t",
        str(threads),
        "-c",
        str(connections),
        "-d",
        f"{duration}s",
        *extra,
        url,
    ]
    output = subprocess.run(
        command, capture_output=True, text=True, timeout=duration + 60, check=True
    ).stdout
    percentiles = dict(re.findall(r"^\s*(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    try:
        return {
            "rate": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
            "requests": int(re.search(r"(\d+) requests in", output).group(1)),
            "p50": milliseconds(percentiles["50"]),
            "p99": milliseconds(percentiles["99"]),
            "bad": int(bad.group(1)) if bad else 0,
            "errors": sum(int(n) for n in errors.groups()) if errors else 0,
        }
    except (AttributeError, KeyError) as error:
        raise RuntimeError(f"Unexpected output of wrk for {url}:\n{output}") from error
