"""Setup packages (province → county → township): keys with their authority, reference data; signed.

The first package a node imports names a signer it has never seen: it is accepted only when the
user confirms that signer's key id (read out from the level above, printed on paper); that key
is then the node's trust root. After that a package is accepted only when

- its signer is a trusted province or county key, not revoked, whose division contains this
  node's own division (only the levels above configure a node);
- its serial is higher than that of every package the same issuer had imported here (an older
  package replayed cannot roll the trust store back);
- every key it grants signing authority to lies inside the issuer's own subtree, with the role
  its division's level gives it.

A key another issuer granted is left exactly as that issuer set it (recipient, authority and
all). A key this issuer granted before and leaves out now is revoked: its later files are
refused, what it sent before stays.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.database.divisions import DivisionRecord, load_reference
from app.database.models import IndicatorDefinition, IndicatorTarget, ProjectCatalogueEntry
from app.database.reference import upsert_reference
from app.database.session import META_DIVISION, Database
from app.domain.errors import BadFileError, UserInputError
from app.domain.permissions import in_subtree
from app.domain.validation import normalize_division_code
from app.sync import keys, state
from app.sync.bundle import read_bundle_file
from app.sync.envelope import expect_kind, open_envelope, read_header, seal, write_atomically
from app.sync.identity import Identity, PublicIdentity
from app.sync.setup_parse import SETUP_FORMAT, SetupContent, SetupKey, parse_setup, role_for

__all__ = [
    "SETUP_FORMAT",
    "SUFFIX",
    "SetupResult",
    "build_setup_package",
    "import_setup_package",
    "parse_setup",
    "signer_of",
]

SUFFIX = ".fpas"


@dataclass(frozen=True)
class SetupResult:
    package_id: str
    signer: str
    keys: int
    divisions_added: int
    catalogue: int
    indicators: int
    revoked: int = 0
    kept: int = 0  # keys another issuer granted, left as they are


def build_setup_package(
    issuer: Identity,
    issuer_division: str,
    out: Path,
    *,
    recipients: Sequence[tuple[PublicIdentity, str]] = (),
    signers: Sequence[tuple[PublicIdentity, str]] = (),
    divisions: Sequence[DivisionRecord] | None = None,
    catalogue: Sequence[dict[str, Any]] = (),
    indicators: Sequence[dict[str, Any]] = (),
    targets: Sequence[dict[str, Any]] = (),
    serial: int | None = None,
    family_no_rule: str | None = None,
) -> Path:
    """Write a signed setup package. The issuer is always a recipient and a trusted signer.

    ``recipients`` are the other receivers above (their bundles are encrypted to them, their
    receipts accepted); ``signers`` the senders below, each with the division it may write.
    Division codes may be typed short (430121); a signer outside the issuer's subtree, or a
    station issuing a package, is refused (UserInputError, in Chinese) before anything is written.
    """
    home = normalize_division_code(issuer_division)
    role = role_for(home)
    if role == "station":
        raise UserInputError("乡镇（站点）的密钥不能签发配置包：配置包由县级或省级签发。")
    entries = [_entry(issuer.public, home, recipient=True, signer=True)]
    seen = {issuer.public.key_id}
    for pub, code in recipients:
        entries.append(_entry(pub, normalize_division_code(code), recipient=True, signer=False))
        seen.add(pub.key_id)
    for pub, code in signers:
        division = normalize_division_code(code)
        if not in_subtree(division, home):
            raise UserInputError(
                f"发送方“{pub.name}”的区划 {division} 不在签发方的管辖范围（{home}）内："
                "只能授权本级以下的区划。"
            )
        if pub.key_id in seen:
            raise UserInputError(f"密钥“{pub.name}”（{pub.key_id}）在配置包中出现了不止一次。")
        seen.add(pub.key_id)
        entries.append(_entry(pub, division, recipient=False, signer=True))
    doc = {
        "format": SETUP_FORMAT,
        "id": str(uuid.uuid4()),
        "issued_at": datetime.now(UTC).isoformat(timespec="seconds"),
        # Milliseconds: later packages of an issuer carry higher serials without a counter to keep.
        "serial": serial if serial is not None else time.time_ns() // 1_000_000,
        "keys": entries,
        "divisions": None
        if divisions is None
        else [[d.code, d.name, d.level.value, d.parent_code] for d in divisions],
        "catalogue": list(catalogue),
        "indicators": list(indicators),
        "targets": list(targets),
    }
    if family_no_rule is not None:  # the county's 档案编号 rule, for its townships
        doc["family_no_rule"] = family_no_rule
    meta = {"format": SETUP_FORMAT, "id": doc["id"], "issuer_division": home, "serial": doc["serial"]}
    data = seal("setup", meta, json.dumps(doc, ensure_ascii=False).encode("utf-8"), issuer, None)
    write_atomically(out, data)
    return out


def _entry(pub: PublicIdentity, division: str, *, recipient: bool, signer: bool) -> dict[str, Any]:
    return {
        "identity": pub.to_json(),
        "role": role_for(division),
        "division_code": division,
        "recipient": recipient,
        "trusted_signer": signer,
    }


def signer_of(path: Path) -> tuple[str, str]:
    """(key id, name) the package claims as signer — to show before the user confirms trust."""
    header = read_header(read_bundle_file(path), source=path.name)
    return header.signer_key_id, header.signer_name


def import_setup_package(db: Database, path: Path, *, trust: str | None = None) -> SetupResult:
    """Check the package completely, against the trust store too, then apply it in one transaction."""
    source = path.name
    data = read_bundle_file(path)
    header = read_header(data, source=source)
    expect_kind(header, "setup", source)  # before trust: a bundle is not "from an untrusted issuer"
    signer_id = header.signer_key_id
    with db.reader.connect() as conn:
        known = keys.authority(conn, signer_id)
        home = state.get(conn, META_DIVISION) or ""
        conn.rollback()
    if known is None:
        if trust is None or trust.strip().lower() != signer_id:
            raise BadFileError(
                source,
                f"签发方“{header.signer_name}”（密钥编号 {signer_id}）尚未受信任；"
                "请向上级核对密钥编号，确认无误后再导入并确认信任该编号（命令行：加 --trust 密钥编号）",
            )
        trusted = {signer_id: header.signer_public_key}
    else:
        _may_issue(known, source)
        trusted = {signer_id: known.signing_public_key}
    opened = open_envelope(
        data,
        source=source,
        trusted_signers=trusted,
        identity=None,
        expected_kind="setup",
        max_output=256 * 1024 * 1024,
    )
    content = parse_setup(opened.payload, source)
    own = next((k for k in content.keys if k.public.key_id == signer_id), None)
    if known is None and (own is None or own.division_code is None):
        raise BadFileError(source, "配置包没有写明签发方自己的区划")
    issuer_division = known.division_code if known is not None else own.division_code  # type: ignore[union-attr]
    assert issuer_division is not None  # _may_issue refused a known key without one
    if not in_subtree(home, issuer_division):
        raise BadFileError(
            source,
            f"签发方“{header.signer_name}”（区划 {issuer_division}）不是本机（区划 {home}）的上级，"
            "无权为本机下发配置",
        )
    if known is not None and known.last_serial is not None and content.serial <= known.last_serial:
        raise BadFileError(
            source,
            f"配置包序号 {content.serial} 不比本机已导入的同一签发方的配置包（序号 {known.last_serial}）新："
            "旧配置包不能覆盖新的，疑似重放",
        )
    _check_grants(content, signer_id, issuer_division, source)
    with db.engine.begin() as conn:
        store = keys.authorities(conn)
        granted, kept = 0, 0
        for key in content.keys:
            existing = store.get(key.public.key_id)
            # The trust root's own entry and every key this issuer granted are its to change;
            # a key another issuer granted stays exactly as that issuer set it. (Keys kept from before
            # issuers were recorded have no issuer: the first package that names them sets them.)
            if existing is None or existing.issuer_key_id in (signer_id, None):
                entry = keys.KnownKey(
                    key.public, key.role, key.division_code, key.recipient, key.trusted_signer
                )
                keys.grant(conn, entry, issuer=signer_id, package_id=content.package_id)
                granted += 1
            else:
                kept += 1
        listed = {k.public.key_id for k in content.keys}
        revoked = [
            a.key_id
            for a in store.values()
            if a.issuer_key_id == signer_id and a.key_id != signer_id and a.key_id not in listed and a.active
        ]
        for key_id in revoked:
            keys.revoke(conn, key_id, content.package_id)
        keys.set_serial(conn, signer_id, content.serial)
        added = load_reference(conn, content.divisions or [])
        cat = upsert_reference(conn, ProjectCatalogueEntry, "catalogue", "code", content.catalogue)
        ind = upsert_reference(conn, IndicatorDefinition, "indicator", "code", content.indicators)
        upsert_reference(
            conn, IndicatorTarget, "target", ("indicator_code", "division_code", "year"), content.targets
        )
        if content.family_no_rule is not None:
            state.put(conn, state.FAMILY_NO_RULE, content.family_no_rule)
        state.put(conn, state.SETUP_ID, content.package_id)
        state.put(conn, state.SETUP_ISSUED, content.issued_at)
    return SetupResult(
        content.package_id, header.signer_name, granted, added, sum(cat), sum(ind), len(revoked), kept
    )


def _may_issue(known: keys.Authority, source: str) -> None:
    name = f"“{known.name}”（密钥编号 {known.key_id}）"
    if not known.active:
        raise BadFileError(source, f"签发方{name}的密钥已被吊销，不能再下发配置")
    if not known.is_trusted_signer:
        raise BadFileError(source, f"签发方{name}只是接收方，不是本机信任的签发方")
    if known.role not in ("province", "county") or known.division_code is None:
        raise BadFileError(source, f"签发方{name}是乡镇（站点）密钥或没有登记区划，无权下发配置包")


def _check_grants(content: SetupContent, signer_id: str, issuer_division: str, source: str) -> None:
    """Nothing the package grants or loads may reach outside the issuer's own subtree."""
    for i, key in enumerate(content.keys, start=1):
        if key.trusted_signer and key.public.key_id != signer_id:
            _inside(key, i, issuer_division, source)
    for i, d in enumerate(content.divisions or [], start=1):
        # The issuer's ancestors come along so that a township sees its county's and city's names.
        if not (in_subtree(d.code, issuer_division) or in_subtree(issuer_division, d.code)):
            raise BadFileError(
                source, f"配置包区划表第 {i} 行（{d.code}）不在签发方的管辖范围（{issuer_division}）内"
            )
    for i, t in enumerate(content.targets, start=1):
        if not in_subtree(t["division_code"], issuer_division):
            raise BadFileError(
                source, f"配置包指标目标第 {i} 条的区划不在签发方的管辖范围（{issuer_division}）内"
            )


def _inside(key: SetupKey, i: int, issuer_division: str, source: str) -> None:
    if key.division_code is None or not in_subtree(key.division_code, issuer_division):
        raise BadFileError(
            source,
            f"配置包第 {i} 个密钥“{key.public.name}”的区划 {key.division_code} 超出签发方的管辖范围"
            f"（{issuer_division}）：只能授权本级以下的区划",
        )
