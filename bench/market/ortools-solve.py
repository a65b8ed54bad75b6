"""Solves one task-market round with OR-Tools' SimpleMinCostFlow (the benchmark's native peer).

Reads the network written by bench/market/ortools.ts (little-endian int64 arrays: a header of
node and arc counts, then tails, heads, capacities, unit costs and node supplies), solves it
and prints one JSON line: the optimal cost, the bare solve time, the time to load, build and
solve, and the process's peak RSS.
Usage: python ortools-solve.py <network file>
"""

import json
import resource
import sys
import time

import numpy as np
from ortools.graph.python import min_cost_flow

started = time.perf_counter()
data = np.fromfile(sys.argv[1], dtype="<i8")
nodes, arcs = int(data[0]), int(data[1])
at = 2
tails, heads, capacities, costs = (data[at + k * arcs : at + (k + 1) * arcs] for k in range(4))
supplies = data[at + 4 * arcs : at + 4 * arcs + nodes]
flow = min_cost_flow.SimpleMinCostFlow()
flow.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, costs)
flow.set_nodes_supplies(np.arange(nodes, dtype=np.int64), supplies)
solve_started = time.perf_counter()
status = flow.solve()
finished = time.perf_counter()
print(
    json.dumps(
        {
            "status": int(status),
            "optimal": status == flow.OPTIMAL,
            "objective": int(flow.optimal_cost()) if status == flow.OPTIMAL else None,
            "solveMs": (finished - solve_started) * 1000,
            "loadBuildSolveMs": (finished - started) * 1000,
            "peakRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }
    )
)
