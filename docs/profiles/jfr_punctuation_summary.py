#!/usr/bin/env python3
"""Stream-thread samples inside a wall-clock punctuation, by part (first matching frame from the top)."""
import re, sys, collections
text = open(sys.argv[1], encoding='utf-8', errors='replace').read()
thread = re.compile(sys.argv[2])
cats = [
    ("snapshot build (SnapshotMapper/SlaViews)", r"SnapshotMapper|SlaViews"),
    ("JSON write of snapshots/alerts (serializers, IsoInstants)", r"JsonSerde|IsoInstants|JsonGenerator|BeanSerializer|ObjectWriter|TicketSnapshot"),
    ("store value codec (TrackedTicketSerde)", r"TrackedTicketSerde|StoreSerde|BinaryIn|BinaryOut"),
    ("RocksDB get/put/iterate", r"RocksDB|rocksdb"),
    ("record cache / store layers", r"ThreadCache|NamedCache|CachingKeyValueStore|MeteredKeyValueStore|ChangeLogging"),
    ("producer send path", r"KafkaProducer|RecordAccumulator|RecordCollectorImpl"),
    ("deadline index scan/remove", r"DeadlineIndex"),
    ("SLA engine + calendars", r"SlaEngine|SlaRun|BusinessCalendar|ClockBook|SlaClock|AlertFactory"),
    ("alert meters/metrics", r"AlertMeters|SlaMeters|micrometer"),
    ("other feature timers (knowledge, refund, metrics)", r"knowledge|refund|processor\.metrics"),
]
tot = 0; inp = 0
by = collections.Counter(); top = collections.Counter()
for e in text.split("jdk.ExecutionSample"):
    m = re.search(r'sampledThread = "([^"]*)"', e)
    if not m or not thread.search(m.group(1)):
        continue
    frames = re.findall(r'^\s+([\w$.<>/]+\.[\w$<>]+)\(', e, re.M)
    if not frames: continue
    tot += 1
    if not any("punctuate" in f.lower() or "TimerPunctuation" in f for f in frames):
        continue
    inp += 1
    top[frames[0]] += 1
    label = "other (Streams, forwarding, ...)"
    for f in frames:
        h = next((l for l, r in cats if re.search(r, f)), None)
        if h: label = h; break
    by[label] += 1
print(f"stream-thread samples {tot}, inside a punctuation {inp} ({100*inp/max(tot,1):.0f} %)")
print("| part of the punctuation | share |\n|---|---|")
for l, n in by.most_common(): print(f"| {l} | {100*n/inp:.0f} % |")
print("\ntop frames:")
for f, n in top.most_common(20): print(f"  {100*n/inp:5.1f} %  {f}")
