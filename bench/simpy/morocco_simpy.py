#!/usr/bin/python3
"""A straightforward SimPy implementation of bench/simpy/morocco.yaml (DESIGN.md section 3).

Written the way a SimPy user would write the model: one process per order walking through its
life cycle with `hold`s, the detention estate as a Resource, parameter timelines looked up when a
case reaches the step they govern. It exists to time removalsim against it on the same scenario
(bench/README.md); its yearly removals agree with `removalsim run bench/simpy/morocco.yaml` within
the noise (printed below for that check). SimPy 2.3.1, as Debian 12 ships it (python3-simpy).

Usage: /usr/bin/python3 bench/simpy/morocco_simpy.py [REPLICATIONS] [SEED]
"""

import bisect
import datetime
import math
import random
import sys
import time

from SimPy.Simulation import Process, Resource, activate, hold, initialize, now, release, \
    request, simulate

START = datetime.date(2019, 1, 1)
END = datetime.date(2026, 1, 1)  # the run ends at 00:00 after 2025-12-31
WARMUP = datetime.date(2022, 1, 1)


def day(iso):
    return float((datetime.date.fromisoformat(iso) - START).days)


HORIZON = day(END.isoformat())


class Timeline:
    """Piecewise-constant value: the first value also applies before its date."""

    def __init__(self, *segments):
        self.times = [day(d) for d, _ in segments]
        self.values = [v for _, v in segments]

    def at(self, t):
        return self.values[max(0, bisect.bisect_right(self.times, t) - 1)]


def lognormal(rng, mean, sd):
    sigma2 = math.log1p(sd * sd / (mean * mean))
    return rng.lognormvariate(math.log(mean) - sigma2 / 2, math.sqrt(sigma2))


def gamma(rng, mean, sd):
    return rng.gammavariate(mean * mean / (sd * sd), sd * sd / mean)


# Parameters of morocco.yaml (national block, then Morocco's overrides).
ORDERS_PER_YEAR = Timeline(("2019-01-01", 10490), ("2024-01-01", 9500))
VOLUNTARY_SHARE = 0.048
NO_DELAY_SHARE = 0.4
DETAINED_AT_ISSUANCE_SHARE = 0.08
DEPARTURE_PERIOD_DAYS = 30.0
APPEAL_SHARE = 0.35
APPEAL_DURATION = Timeline(("2019-01-01", (90.0, 60.0)), ("2024-07-15", (150.0, 80.0)))
ANNULMENT_SHARE = 0.12
VALIDITY_DAYS = Timeline(("2019-01-01", 365.0), ("2024-01-28", 1095.0))
APPREHENSION_RATE_PER_DAY = 0.12 / 365.25
CAPACITY = Timeline(("2019-01-01", 136), ("2022-01-01", 153), ("2024-01-01", 167),
                    ("2025-05-01", 150))
MAX_DAYS = 90.0
REVIEWS = Timeline(
    ("2019-01-01", [(2, 0.25), (30, 0.2), (60, 0.2), (75, 0.3)]),
    ("2024-07-15", [(4, 0.25), (30, 0.2), (60, 0.2), (75, 0.3)]),
    ("2025-11-11", [(4, 0.25), (30, 0.2), (60, 0.25)]))
DOCUMENT_CHECK_DAYS = 2.0
DOCUMENT_SHARE = 0.3
LPC_REQUEST_DELAY = 2.0
LPC_ISSUE_PROBABILITY = Timeline(("2019-01-01", 0.25), ("2024-10-28", 0.52))
LPC_DELAY = Timeline(("2019-01-01", (26.0, 15.0)), ("2024-10-28", (18.0, 10.0)))
LPC_VALIDITY_DAYS = 30.0
BOOKING_DELAY_MEAN = 5.0
BOARDING_SUCCESS = 0.85
REDETENTION_GAP_DAYS = 7.0


class Model:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.places = Resource(capacity=10**9, name="CRA places")  # capacity checked by hand
        self.removals = {}
        self.issued = {}
        self.holds = 0

    def year(self, t):
        return (START + datetime.timedelta(days=int(t))).year


class Arrivals(Process):
    """Poisson orders; the rate is constant within a year, so restarting the exponential gap
    at each year boundary samples the non-homogeneous process exactly."""

    def run(self, model):
        rng = model.rng
        t = 0.0
        while True:
            year_end = day(f"{model.year(t) + 1}-01-01")
            days = year_end - day(f"{model.year(t)}-01-01")
            gap = rng.expovariate(ORDERS_PER_YEAR.at(t) / days)
            if t + gap >= year_end:
                model.holds += 1
                yield hold, self, year_end - t
                t = year_end
                continue
            model.holds += 1
            yield hold, self, gap
            t = now()
            case = Case()
            activate(case, case.run(model))


class Case(Process):
    def run(self, model):
        rng = model.rng
        issued = now()
        y = model.year(issued)
        model.issued[y] = model.issued.get(y, 0) + 1
        self.has_document = rng.random() < DOCUMENT_SHARE
        if rng.random() < VOLUNTARY_SHARE:
            model.holds += 1
            yield hold, self, rng.uniform(0.0, DEPARTURE_PERIOD_DAYS)
            return  # voluntary departure
        self.detainable_from = 0.0
        if rng.random() < DETAINED_AT_ISSUANCE_SHARE:
            detained = yield from self.attempt_detention(model)
            if detained == "removed":
                return
        else:
            period_end = issued if rng.random() < NO_DELAY_SHARE else issued + DEPARTURE_PERIOD_DAYS
            if rng.random() < APPEAL_SHARE:
                model.holds += 1
                yield hold, self, lognormal(rng, *APPEAL_DURATION.at(now()))
                if rng.random() < ANNULMENT_SHARE:
                    return  # annulled
            if period_end > now():
                model.holds += 1
                yield hold, self, period_end - now()
        while True:  # at large
            t = now()
            lapse = self.lapse_time(issued, t)
            if lapse <= t:
                return  # expired
            apprehension = max(t, self.detainable_from) + rng.expovariate(APPREHENSION_RATE_PER_DAY)
            if apprehension >= lapse:
                if lapse < HORIZON:
                    model.holds += 1
                    yield hold, self, lapse - t
                return  # expired (or still at large at the horizon)
            if apprehension >= HORIZON:
                return
            model.holds += 1
            yield hold, self, apprehension - t
            outcome = yield from self.attempt_detention(model)
            if outcome == "removed":
                return

    @staticmethod
    def lapse_time(issued, t):
        """First time >= t at which it - issued >= validity(it), under the rule in force then."""
        times, values = VALIDITY_DAYS.times, VALIDITY_DAYS.values
        for i in range(max(0, bisect.bisect_right(times, t) - 1), len(times)):
            begin = t if i == 0 else max(t, times[i])
            end = times[i + 1] if i + 1 < len(times) else math.inf
            candidate = max(begin, issued + values[i])
            if candidate < end:
                return candidate
        return math.inf

    def attempt_detention(self, model):
        """Generator: detains the case if a place is free; returns 'removed' or 'released'."""
        rng = model.rng
        places = model.places
        if places.capacity - places.n >= CAPACITY.at(now()):
            return "no place"
        yield request, self, places
        start = now()
        spell_end = start + MAX_DAYS
        for review_day, probability in REVIEWS.at(start):
            if review_day >= MAX_DAYS:
                break
            if rng.random() < probability:
                spell_end = start + review_day
                break
        outcome = yield from self.seek_removal(model, spell_end)
        if outcome != "removed" and spell_end > now():
            model.holds += 1
            yield hold, self, spell_end - now()
        yield release, self, places
        if outcome == "removed":
            y = model.year(now())
            model.removals[y] = model.removals.get(y, 0) + 1
            return "removed"
        self.detainable_from = now() + REDETENTION_GAP_DAYS
        return "released"

    def seek_removal(self, model, spell_end):
        """Generator: document, flight, boarding within the spell; 'removed' or 'not removed'."""
        rng = model.rng
        if self.has_document:
            ready = now() + DOCUMENT_CHECK_DAYS
            if ready > spell_end or ready >= HORIZON:
                return "not removed"
            model.holds += 1
            yield hold, self, ready - now()
            document_lapse = math.inf
        else:
            request_at = now() + LPC_REQUEST_DELAY
            while True:  # one LPC request per pass
                if request_at > spell_end or request_at >= HORIZON:
                    return "not removed"
                model.holds += 1
                yield hold, self, request_at - now()
                if rng.random() >= LPC_ISSUE_PROBABILITY.at(now()):
                    return "not removed"  # the consulate never answers
                due = now() + gamma(rng, *LPC_DELAY.at(now()))
                if due >= spell_end or due >= HORIZON:
                    return "not removed"  # issued after the release: wasted
                model.holds += 1
                yield hold, self, due - now()
                document_lapse = now() + LPC_VALIDITY_DAYS
                outcome = yield from self.fly(model, spell_end, document_lapse)
                if outcome != "lapsed":
                    return outcome
                request_at = now()  # the LPC lapsed: a new request at once
        outcome = yield from self.fly(model, spell_end, document_lapse)
        return outcome

    def fly(self, model, spell_end, document_lapse):
        rng = model.rng
        while True:
            flight = now() + rng.expovariate(1.0 / BOOKING_DELAY_MEAN)
            if document_lapse <= flight and document_lapse < spell_end:
                model.holds += 1
                yield hold, self, document_lapse - now()
                return "lapsed"
            if flight >= spell_end or flight >= HORIZON:
                return "not removed"
            model.holds += 1
            yield hold, self, flight - now()
            if rng.random() < BOARDING_SUCCESS:
                return "removed"


def replicate(seed):
    initialize()
    model = Model(seed)
    arrivals = Arrivals()
    activate(arrivals, arrivals.run(model))
    simulate(until=HORIZON)
    return model


def main():
    replications = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    removals = {}
    wall = []
    cpu = []
    for r in range(replications):
        wall0, cpu0 = time.perf_counter(), time.process_time()
        model = replicate(seed * 1000 + r)
        wall.append(time.perf_counter() - wall0)
        cpu.append(time.process_time() - cpu0)
        for y, n in model.removals.items():
            removals.setdefault(y, []).append(n)
        print(f"replication {r}: {wall[-1]:.2f} s wall, {cpu[-1]:.2f} s CPU, "
              f"{model.holds} holds, {sum(model.issued.values())} orders", flush=True)
    wall.sort()
    cpu.sort()
    print(f"median per replication: {wall[len(wall) // 2]:.2f} s wall, "
          f"{cpu[len(cpu) // 2]:.2f} s CPU")
    for y in sorted(removals):
        values = removals[y]
        print(f"removals {y}: mean {sum(values) / len(values):.1f} over {len(values)} replication(s)")


if __name__ == "__main__":
    main()
