"""The child side of the crash harness: one long write, reporting progress, waiting to be killed.

Run as ``python bench/crash_driver.py JOB --db DB [--user U --password P] ...``; with ``--user``
the database is encrypted and opened the way the program opens it (``sign_in``: the key unwrapped
from the keyring beside the file). It prints ``ready`` once its imports and
opening are done, then one line per durable step (``committed <id>``, ``merged <n>``...), each
flushed at once: what it printed before the SIGKILL is what it promised was on disk. The parent
(bench/crash_harness.py) decides when to kill it and checks the promises afterwards.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path
from typing import Any

COUNTY = "430121000000"
VILLAGES = ["430121001001", "430121001002", "430121002001", "430121003001", "430121102001"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ["桂兰", "建国", "秀英", "玉珍", "德明", "春花", "志强", "淑芬", "国庆", "金凤"]


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def fake_family(rng: random.Random, n: int) -> tuple[dict[str, object], list[dict[str, object]]]:
    """A fictional family and its members: plain field values, reproducible from ``rng``."""
    from app.domain.enums import FamilyCategory, MemberRelation

    head = rng.choice(SURNAMES) + rng.choice(GIVEN)
    family = {
        "division_code": rng.choice(VILLAGES),
        "family_no": f"CS{n:07d}",
        "category": rng.choice([FamilyCategory.BEREAVED, FamilyCategory.DISABLED]),
        "head_name": head,
        "phone": f"139{rng.randrange(10**8):08d}",
        "address": f"第{rng.randint(1, 20)}组{rng.randint(1, 99)}号",
        "monthly_support_fen": rng.choice([59000, 73000]),
        "needs": rng.choice([None, "需要陪同就医", "希望有人定期探望"]),
    }
    members = [
        {
            "name": head,
            "relation": MemberRelation.SELF,
            "id_number": f"4301211950{rng.randrange(10**8):08d}",  # fictional, not a valid check digit
            "bank_account": f"62220{rng.randrange(10**14):014d}",
            "receives_support": True,
        },
        {"name": rng.choice(SURNAMES) + rng.choice(GIVEN), "relation": MemberRelation.SPOUSE},
    ]
    return family, members


def add_family(session: object, rng: random.Random, n: int) -> str:
    from sqlalchemy.orm import Session

    from app.database.models import FamilyMember, SpecialFamily

    assert isinstance(session, Session)
    values, members = fake_family(rng, n)
    family = SpecialFamily(**values)
    session.add(family)
    session.flush()  # assigns the id (and writes the change log)
    for m in members:
        session.add(FamilyMember(family_id=family.id, **m))
    return family.id


def workspace(args: argparse.Namespace) -> Any:
    """The database opened as the program does: signed in (key from the keyring) when encrypted."""
    from app.services.shared.workspace import open_workspace
    from app.services.system.accounts import sign_in

    if args.user:
        return sign_in(args.db, args.user, args.password)
    return open_workspace(args.db)


def job_save(args: argparse.Namespace) -> None:
    """A clerk saving families one by one: one transaction per family, as the form does."""
    db = workspace(args).db
    rng = random.Random(args.seed)
    say("ready")
    for n in range(args.count):
        with db.session() as s:
            family_id = add_family(s, rng, n)
        say(f"committed {family_id}")  # after the commit: a promise that it is on disk
    say("done")


def job_merge(args: argparse.Namespace) -> None:
    from app.services import sync

    ws = workspace(args)
    say("ready")
    results = sync.merge_bundles(
        ws, args.identity, None, [args.bundles], progress=lambda done, _total: say(f"merged {done}")
    )
    for r in results:
        say(f"result {r.file} {r.status} {r.reason or ''}")
    say("done")


def job_migrate(args: argparse.Namespace) -> None:
    from app.database import keyring
    from app.database.migrate import open_database

    key = keyring.unwrap(args.db, args.user, args.password) if args.user else None
    say("ready")
    open_database(args.db, key).dispose()  # copies the file, then upgrades it
    say("done")


def job_export(args: argparse.Namespace) -> None:
    from app.services import sync

    ws = workspace(args)
    say("ready")
    result = sync.write_bundle(ws, args.identity, None, args.out, full=True)
    say(f"exported {result.path.name} {result.records}")
    say("done")


def job_demo(args: argparse.Namespace) -> None:
    from app.services.demo import generate_demo  # type: ignore[import-not-found, unused-ignore]

    say("ready")
    generate_demo(
        args.db,
        COUNTY,
        families=args.count,
        seed=args.seed,
        progress=lambda d, t: say(f"progress {d} {t}"),
        encrypted=bool(args.user),
    )
    say("done")


def job_backup(args: argparse.Namespace) -> None:
    """A manual backup into a folder that already holds ``--keep`` generations (so one is dropped)."""
    from app.services.system.backup import backup_database

    ws = workspace(args)
    say("ready")
    path = backup_database(ws, args.out, keep=args.keep, progress=lambda d, t: say(f"progress {d} {t}"))
    say(f"backed-up {path.name}")
    say("done")


def job_restore(args: argparse.Namespace) -> None:
    """A backup restored in the place of the (closed) database, as ``fpa restore`` does."""
    from app.services.system.backup import restore_backup

    say("ready")
    safety = restore_backup(args.backup, args.db, username=args.user, password=args.password)
    say(f"restored {safety.name if safety else ''}")
    say("done")


JOBS = {
    "save": job_save,
    "merge": job_merge,
    "migrate": job_migrate,
    "export": job_export,
    "demo": job_demo,
    "backup": job_backup,
    "restore": job_restore,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("job", choices=sorted(JOBS))
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--identity", type=Path)
    parser.add_argument("--bundles", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--backup", type=Path)
    parser.add_argument("--keep", type=int, default=2)
    parser.add_argument("--user", help="sign in as this user: the database is encrypted")
    parser.add_argument("--password")
    args = parser.parse_args(argv)
    JOBS[args.job](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
