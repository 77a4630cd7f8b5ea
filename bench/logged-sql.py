#!/usr/bin/env python3
"""Turns the statements PostgreSQL logged (log_min_duration_statement = 0) into SQL that psql can run directly.

usage: logged-sql.py POSTGRESQL.LOG [--explain N]

Prints every executed statement of the log (but the session's writes and row locks), its parameters written in as literals, each followed by ";", in one
read-only transaction — the same SQL the application ran, to be timed by psql on the same database. With --explain N,
prints instead EXPLAIN (ANALYZE, BUFFERS) of the N slowest statements, each headed by a comment with its logged
duration, in one read-only transaction with the settings the request made (SET or set_config) applied first.
"""
import re
import sys

LINE = re.compile(r"^\S+ \S+ \S+ \[\d+\] (\w+):  (.*)$")
EXECUTE = re.compile(r"duration: ([\d.]+) ms  execute [^:]+: (.*)$", re.S)
PARAMETER = re.compile(r"\$(\d+) = (NULL|'(?:[^']|'')*')", re.S)
NUMBER = re.compile(r"^'-?\d+(\.\d+)?(E-?\d+)?'$")
SETTING = re.compile(r"(?i)\s*(set\s|select\s+set_config\()")
# the session's own bookkeeping (Spring Session JDBC locks and saves the session row on every request): not the
# page's SQL, and not runnable in a read-only transaction
BOOKKEEPING = re.compile(r"(?is)\bfor\s+update\b|^\s*(update|insert|delete)\b")


def statements(path):
    """(duration ms, sql, parameter text) of each execute message, in log order."""
    found = []
    current = None
    part = None
    with open(path, encoding="utf-8", errors="replace") as log:
        for raw in log:
            line = raw.rstrip("\n")
            match = LINE.match(line)
            if match:
                level, message = match.groups()
                executed = EXECUTE.match(message) if level == "LOG" else None
                if executed:
                    current = [float(executed.group(1)), executed.group(2), ""]
                    found.append(current)
                    part = 1
                elif level == "DETAIL" and current is not None and message.startswith("Parameters: "):
                    current[2] = message[len("Parameters: "):]
                    part = 2
                else:
                    current = None
                    part = None
            elif line.startswith("\t") and current is not None and part is not None:
                current[part] += "\n" + line[1:]
    return found


def literal(value):
    """A parameter as a literal: numbers bare (so that arithmetic on them resolves), the rest quoted as logged."""
    return value.strip("'") if NUMBER.match(value) else value


def bind(sql, parameters):
    values = {int(n): literal(v) for n, v in PARAMETER.findall(parameters)}
    return re.sub(r"\$(\d+)\b", lambda m: values[int(m.group(1))], sql)


def main():
    found = [(ms, bind(sql, params)) for ms, sql, params in statements(sys.argv[1])
             if sql.strip().upper() not in ("BEGIN", "COMMIT", "ROLLBACK") and not BOOKKEEPING.search(sql)]
    if len(sys.argv) > 3 and sys.argv[2] == "--explain":
        slowest = sorted(found, key=lambda s: -s[0])[: int(sys.argv[3])]
        # the settings the request made for its transaction apply to its statements
        print("begin transaction read only;")
        for _, sql in found:
            if SETTING.match(sql):
                print(sql + ";")
        for ms, sql in slowest:
            print(f"-- logged: {ms:.1f} ms\nexplain (analyze, buffers)\n{sql};\n")
        print("rollback;")
    else:
        print("begin transaction read only;")
        for _, sql in found:
            print(sql + ";")
        print("commit;")


main()
