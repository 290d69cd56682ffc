"""The Redis side of distributed crawls, against a real redis-server: frontier, leases,
reclaim, seen-set, host clock, batch runs and the results stream."""

import time

import pytest

from crawler.cluster import workers
from crawler.cluster.frontier import Frontier
from crawler.cluster.keys import Keys, connect
from crawler.cluster.politeness import HostClock
from crawler.cluster.seen import SeenSet, bloom_shape
from crawler.cluster.stream import ResultStream

KEYS = Keys("t")


@pytest.fixture
def client(redis_url):
    return connect(redis_url)


def test_requests_come_out_by_priority_then_arrival(client):
    frontier = Frontier(client, KEYS)
    for name, priority in [("a", 0), ("b", 5), ("c", 0), ("d", 20), ("e", -1)]:
        frontier.push("p", name.encode(), priority)
    order = [frontier.pop("p", "w1").payload.decode() for _ in range(5)]
    assert order == ["d", "b", "a", "c", "e"]
    assert frontier.pop("p", "w1") is None


def test_a_popped_request_stays_leased_until_released(client):
    frontier = Frontier(client, KEYS)
    frontier.push("p", b"x")
    leased = frontier.pop("p", "w1")
    assert frontier.busy("p") == (0, 0)  # w1 not registered: only registered workers count
    workers.beat(client, KEYS, "w1", "p", {}, timeout=30)
    assert frontier.busy("p") == (0, 1)
    assert frontier.release("p", "w1", [leased.id]) == 1
    assert frontier.busy("p") == (0, 0)
    assert client.hlen(KEYS.requests("p")) == 0


def test_a_dead_workers_leases_go_back_to_the_queue_in_their_order(client):
    frontier = Frontier(client, KEYS)
    for name, priority in [("low", 0), ("high", 9)]:
        frontier.push("p", name.encode(), priority)
    workers.beat(client, KEYS, "dead", "p", {}, timeout=0.2)
    workers.beat(client, KEYS, "live", "p", {}, timeout=30)
    first, second = frontier.pop("p", "dead"), frontier.pop("p", "dead")
    assert (first.payload, second.payload) == (b"high", b"low")
    assert frontier.reclaim() == 0  # still within its timeout
    time.sleep(0.4)
    assert frontier.reclaim() == 2
    assert [frontier.pop("p", "live").payload for _ in range(2)] == [b"high", b"low"]
    # the dead worker's late release does not drop the requests another worker now holds
    assert frontier.release("p", "dead", [first.id, second.id]) == 0
    assert client.hlen(KEYS.requests("p")) == 2


def test_a_redirect_hands_its_lease_over_to_the_queued_request(client):
    frontier = Frontier(client, KEYS)
    frontier.push("p", b"old")
    leased = frontier.pop("p", "w1")
    frontier.push("p", b"new", handover=("w1", leased.id))
    assert client.hlen(KEYS.lease("w1")) == 0
    assert frontier.pop("p", "w1").payload == b"new"


def test_only_one_idle_worker_closes_a_run_and_only_when_nothing_is_left(client):
    frontier = Frontier(client, KEYS)
    assert frontier.start_run("p", "p@1") and not frontier.start_run("p", "p@2")
    frontier.push("p", b"x")
    assert frontier.finish_run("p") is None  # queued work
    workers.beat(client, KEYS, "w1", "p", {}, timeout=30)
    leased = frontier.pop("p", "w1")
    assert frontier.finish_run("p") is None  # in flight
    frontier.release("p", "w1", [leased.id])
    assert frontier.finish_run("p") == "p@1"
    assert frontier.finish_run("p") is None
    entries = client.xrange(KEYS.results)
    assert [fields[b"finish"] for _, fields in entries] == [b"finished"]


def test_the_seen_set_is_sized_by_capacity_and_error_and_remembers(client):
    assert bloom_shape(1_000_000, 1e-6) == (28_755_176, 20)
    seen = SeenSet(client, KEYS, capacity=10_000, error=1e-4, hours=1)
    fingerprints = [f"https://x.vn/tin-{n}.html".encode() for n in range(2000)]
    assert not any(seen.seen_or_add(fp) for fp in fingerprints)
    assert all(seen.seen_or_add(fp) for fp in fingerprints)
    again = SeenSet(client, KEYS, capacity=10_000, error=1e-4, hours=1)  # a restarted worker
    assert again.seen_or_add(fingerprints[7])
    others = [f"https://y.vn/tin-{n}.html".encode() for n in range(2000)]
    assert sum(again.seen_or_add(fp) for fp in others) <= 2  # false positives at 1e-4


def test_the_host_clock_lets_one_request_a_delay_whoever_asks(client):
    clock = HostClock(client, KEYS)
    assert clock.take("a.vn", 0.5) == 0
    assert 0.4 < clock.take("a.vn", 0.5) <= 0.5  # a second worker must wait
    assert clock.take("b.vn", 0.5) == 0  # another host has its own clock
    time.sleep(0.5)
    assert clock.take("a.vn", 0.5) == 0


def test_the_stream_redelivers_what_was_not_acknowledged(client):
    stream = ResultStream(client, KEYS)
    stream.ensure_group()
    ids = [stream.push("p@1", "p", f"r{n}".encode()) for n in range(3)]
    assert [e[0] for e in stream.read("ingest", 10, 10, again=False)] == ids
    assert stream.lag() == (0, 3)
    stream.ack(ids[:1])
    again = stream.read("ingest", 10, 10, again=True)
    assert [e[0] for e in again] == ids[1:]
    assert stream.read("ingest", 10, 10, again=False) == []
