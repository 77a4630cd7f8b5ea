#!/usr/bin/env python3
"""Writes a deterministic feedback CSV for the import benchmark.

usage: generate-import-csv.py ROWS OUT.csv [--copy OUT.tsv]

ROWS rows over two years for ROWS/10 customers, ~5 % with incidents, half with external_id (the others are
recognised by their row hash), UTF-8 with BOM and CRLF as Excel writes. With --copy, also writes the same entries as
a tab-separated file for a plain COPY into feedback (the baseline the import is compared with).
"""
import datetime
import random
import sys

CHANNELS = ["EMAIL", "PHONE", "CHAT", "SOCIAL", "REVIEW_SITE", "SURVEY", "IN_PERSON", "OTHER"]
CATEGORIES = ["PRODUCT", "SERVICE", "PRICE", "DELIVERY", "BILLING", "PRIVACY", "OTHER"]
INCIDENTS = ["MISLEADING_CLAIM", "HIDDEN_FEES", "BROKEN_PROMISE", "INSUFFICIENT_SUPPORT", "PRODUCT_DEFECT"]
HEADER = ("external_id,customer_ref,customer_name,segment,received_at,channel,category,"
          "transparency,consistency,communication,quality,values,nps,csat,ces,incidents,comment")


def main():
    rows = int(sys.argv[1])
    out = sys.argv[2]
    copy = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == "--copy" else None
    rnd = random.Random(42)
    customers = max(1, rows // 10)
    start = datetime.datetime(2024, 7, 1, tzinfo=datetime.timezone.utc)
    span = 2 * 365 * 86400
    with open(out, "w", encoding="utf-8", newline="") as csv, \
            (open(copy, "w", encoding="utf-8", newline="") if copy else open("/dev/null", "w")) as tsv:
        csv.write("\ufeff" + HEADER + "\r\n")
        for i in range(rows):
            c = rnd.randrange(customers)
            at = start + datetime.timedelta(seconds=rnd.randrange(span))
            ratings = [str(rnd.randint(1, 5)) if rnd.random() < 0.6 else "" for _ in range(5)]
            nps = str(rnd.randint(0, 10)) if rnd.random() < 0.5 else ""
            csat = str(rnd.randint(1, 5)) if rnd.random() < 0.3 else ""
            ces = str(rnd.randint(1, 7)) if rnd.random() < 0.2 else ""
            incidents = rnd.choice(INCIDENTS) if rnd.random() < 0.05 else ""
            if not any(ratings) and not nps and not csat and not ces and not incidents:
                nps = "7"
            external = "B-%d" % i if i % 2 == 0 else ""
            comment = "Bench comment %d, 配送について" % i if rnd.random() < 0.5 else ""
            channel, category = rnd.choice(CHANNELS), rnd.choice(CATEGORIES)
            segment = ["SMB", "Enterprise", "個人"][c % 3]
            csv.write(",".join([external, "BC-%d" % c, "Customer %d" % c, segment,
                                at.strftime("%Y-%m-%dT%H:%M:%SZ"), channel, category, *ratings, nps, csat, ces,
                                incidents, '"%s"' % comment if comment else ""]) + "\r\n")
            if copy:
                # customer id, received_at, channel, category, 5 ratings, nps, csat, ces, incidents, comment,
                # negative, external_id, row_hash, source, logged_by
                n = lambda v: v if v else "\\N"
                tsv.write("\t".join([str(c + 1), at.isoformat(), channel, category, *[n(r) for r in ratings], n(nps),
                                     n(csat), n(ces), "{%s}" % incidents, n(comment), "false", n(external),
                                     "\\N" if external else "%064x" % i, "CSV", "bench"]) + "\n")


if __name__ == "__main__":
    main()
