"""Name resolution: places through the gazetteer, and institutions merged across spelling
variants, spacing and Korean/English forms (켈거리/캘거리, 플랫폼 켈거리/플랫폼캘거리,
BiohubX/바이오허브X, DiSTEP/DISTEP), against what the database already knows.

Rules, in the order they are tried when a name is seen:
1. the spelling of a trip city inside the name is corrected when it is one jamo away from the
   gazetteer's Korean name (켈거리 -> 캘거리, 이노베이트캐거리 -> 이노베이트캘거리);
2. names equal once spaces, punctuation and case are ignored are the same institution
   (시애틀 경제개발공사 = 시애틀경제개발공사, DiSTEP = DISTEP);
3. a Hangul and a Latin name with the same consonant skeleton are the same
   (바이오허브X = BiohubX);
4. '<city>시', '<city> 시청', '<city>(<country>)시청', '<city> 시장' name that city's
   government (캘거리시);
5. a name the database knows (name_ko, name_en or an alias) is that institution.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from atlas.importer.extraction import Institution, Place
from atlas.importer.textutil import clean, has_hangul, is_hangul, squash
from atlas.places import gazetteer, jamo

# -- known names (from the database) ------------------------------------------------------------


@dataclass
class KnownOrganization:
    key: str                    # organization_id as text, or a seed key
    name_ko: str
    name_en: str | None = None
    short_name: str | None = None
    aliases: list[str] = field(default_factory=list)
    organization_id: int | None = None

    def names(self) -> list[str]:
        return [n for n in (self.name_ko, self.name_en, self.short_name, *self.aliases) if n]


@dataclass
class KnownInstitution:
    institution_id: int
    name_ko: str
    name_en: str | None = None
    aliases: list[str] = field(default_factory=list)
    city_id: int | None = None
    country: str | None = None
    type: str = "other"
    sectors: list[str] = field(default_factory=list)

    def names(self) -> list[str]:
        return [n for n in (self.name_ko, self.name_en, *self.aliases) if n]


@dataclass
class Knowledge:
    """What the database already knows: our organizations and the institutions met before."""

    organizations: list[KnownOrganization] = field(default_factory=list)
    institutions: list[KnownInstitution] = field(default_factory=list)

    @classmethod
    def from_database(cls, database) -> "Knowledge":
        orgs = database.query("import/known_organizations").to_dict("records")
        insts = database.query("import/known_institutions").to_dict("records")
        return cls(
            organizations=[KnownOrganization(
                key=str(int(r["organization_id"])), name_ko=_text(r["name_ko"]), name_en=_text(r["name_en"]),
                short_name=_text(r["short_name"]), aliases=_texts(r["aliases"]),
                organization_id=int(r["organization_id"])) for r in orgs],
            institutions=[KnownInstitution(
                institution_id=int(r["institution_id"]), name_ko=_text(r["name_ko"]), name_en=_text(r["name_en"]),
                aliases=_texts(r["aliases"]), city_id=_int(r["city_id"]), country=_text(r["country_iso2"]),
                type=_text(r["type"]) or "other", sectors=_texts(r["sectors"])) for r in insts],
        )

    def organization(self, text: str | None) -> KnownOrganization | None:
        """The known organization a label names ('DiSTEP', '대전시', '대전과학산업진흥원')."""
        key = squash(text or "")
        if not key:
            return None
        for org in self.organizations:
            if any(squash(n) == key for n in org.names()):
                return org
        return None

    def organization_in(self, text: str) -> KnownOrganization | None:
        """The known organization whose name (longest first) occurs inside `text`."""
        key = squash(text)
        best, best_len = None, 0
        for org in self.organizations:
            for name in org.names():
                name_key = squash(name)
                if len(name_key) >= 2 and name_key in key and len(name_key) > best_len:
                    best, best_len = org, len(name_key)
        return best


def _text(value) -> str | None:
    """A text cell as read through pandas: None, NaN and NA become None."""
    return value if isinstance(value, str) and value else None


def _texts(value) -> list[str]:
    return [] if value is None or isinstance(value, float) else [v for v in value if isinstance(v, str)]


def _int(value) -> int | None:
    try:
        return None if value is None or value != value else int(value)
    except (TypeError, ValueError):
        return None


# -- places ---------------------------------------------------------------------------------------

_PLACE_NOISE = re.compile(r"\((?:[^)]*)\)|[·,/]|\s(?:및|등)\s?")


def resolve_place(text: str | None, countries: list[str] | None = None) -> Place | None:
    """A place field ('시애틀', '인천공항', '캘거리(캐나다)') -> Place; None when empty.

    Only call this on place fields: person names and free text hit odd GeoNames names."""
    text = clean(text or "")
    if not text:
        return None
    found = _resolve_place(text, tuple(countries or ()))
    return replace(found) if found is not None else None


@lru_cache(maxsize=4096)
def _resolve_place(text: str, countries: tuple[str, ...]) -> Place | None:
    candidates = [text]
    stripped = re.sub(r"\([^)]*\)", "", text).strip()
    if stripped and stripped != text:
        candidates.append(stripped)
    for candidate in candidates:
        match = gazetteer().resolve_city(candidate, countries=list(countries) or None)
        if match.city is not None:
            city = match.city
            return Place(text=text, city_id=city.geonameid, name_ko=city.name_ko, name_en=city.name_en,
                         country=city.country_iso2, timezone=city.timezone, needs_review=match.needs_review,
                         note=match.note)
    return Place(text=text)


def resolve_country(text: str | None) -> str | None:
    if not text:
        return None
    country = gazetteer().resolve_country(clean(text))
    return country.iso2 if country else None


# -- spelling of city names inside other names ------------------------------------------------------


_FIX_CACHE: dict[tuple, tuple[str, dict[str, str]]] = {}  # shared by documents about the same cities


class CitySpelling:
    """Corrects near-miss spellings of the trip's cities inside names (켈거리 -> 캘거리)."""

    def __init__(self, city_names: list[str]):
        self.names = sorted({n for n in city_names if n and len(n) >= 3 and all(is_hangul(c) for c in n)},
                            key=len, reverse=True)
        self.seen: dict[str, str] = {}   # variant -> correct spelling, as found
        self._cache: dict[str, str] = {}
        self._key = tuple(self.names)

    def fix(self, text: str) -> str:
        if not text or not self.names:
            return text
        cached = self._cache.get(text)
        if cached is None:
            cached = _FIX_CACHE.get((self._key, text))
            if cached is not None:
                out, seen = cached
                self.seen.update(seen)
                self._cache[text] = out
                return out
        if cached is not None:
            return cached
        out = text
        for name in self.names:
            target = jamo(name)
            size = len(name)
            i = 0
            while i + size <= len(out):
                window = out[i:i + size]
                # One jamo apart means at most one syllable differs, in the same place.
                if (window != name and sum(a == b for a, b in zip(window, name)) >= size - 1
                        and all(is_hangul(c) for c in window) and _one_edit(jamo(window), target)):
                    self.seen[window] = name
                    out = out[:i] + name + out[i + size:]
                    i += size
                else:
                    i += 1
        self._cache[text] = out
        if len(_FIX_CACHE) < 100_000:
            _FIX_CACHE[(self._key, text)] = (out, {w: n for w, n in self.seen.items() if w in text})
        return out


def _one_edit(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1:
        return a == b
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:]
    return a[i:] == b[i + 1:]


# -- Latin / Hangul skeletons --------------------------------------------------------------------------

_CHO = ("k", "k", "n", "t", "t", "r", "m", "p", "p", "s", "s", "", "j", "j", "j", "k", "t", "p", "h")
_JONG = ("", "k", "k", "k", "n", "n", "n", "t", "r", "k", "m", "r", "r", "r", "p", "r", "m", "p", "p", "s", "s",
         "", "j", "j", "k", "t", "p", "h")
_LATIN = str.maketrans({"c": "k", "q": "k", "g": "k", "d": "t", "b": "p", "f": "p", "v": "p", "l": "r",
                        "z": "j", "x": "x"})


@lru_cache(maxsize=16384)
def skeleton(text: str) -> str:
    """Consonants of a name as they sound: 'BiohubX' and '바이오허브X' both give 'phpx'."""
    out = []
    for ch in text:
        if is_hangul(ch):
            code = ord(ch) - 0xAC00
            out.append(_CHO[code // 588] + _JONG[code % 28])
        elif ch.isascii() and ch.isalpha():
            low = ch.lower()
            if low not in "aeiouyw":
                out.append(low.translate(_LATIN))
        elif ch.isdigit():
            out.append(ch)
    merged = []
    for ch in "".join(out):
        if not merged or merged[-1] != ch:
            merged.append(ch)
    return "".join(merged)


# -- institutions -------------------------------------------------------------------------------------

_GOV = re.compile(r"^(?P<city>[가-힣A-Za-z .]+?)\s*(?:\([^)]*\))?\s*(?:시청|시장|부시장|시)$")
_TRAILING_ROLE = re.compile(
    r"\s*(?:[가-힣A-Za-z]*담당자|관계자|대표|부시장|시장|센터장|소장|이사|직원)$")


@dataclass
class _Group:
    ref: str
    forms: dict[str, int] = field(default_factory=dict)       # spelling as written -> count
    fixed: dict[str, str] = field(default_factory=dict)       # spelling as written -> spelling corrected
    keys: set[str] = field(default_factory=set)
    skeletons: set[str] = field(default_factory=set)
    city_id: int | None = None                                 # a city's government
    known: KnownInstitution | None = None
    lines: list[int] = field(default_factory=list)
    place: Place | None = None


class InstitutionRegistry:
    """Collects institution mentions of one document and merges them into institutions."""

    def __init__(self, knowledge: Knowledge | None, spelling: CitySpelling, countries: list[str]):
        self.knowledge = knowledge or Knowledge()
        self.spelling = spelling
        self.countries = countries
        self.groups: list[_Group] = []

    # The name of a city's government, when the mention is one ('캘거리 시청' -> Calgary).
    def _government_city(self, fixed: str) -> Place | None:
        match = _GOV.match(fixed.strip())
        if not match:
            return None
        place = resolve_place(match.group("city"), self.countries)
        if place is None or place.city_id is None or place.needs_review:
            return None
        return place

    def _known_for(self, key: str, skel: str) -> KnownInstitution | None:
        for known in self.knowledge.institutions:
            for name in known.names():
                name_key = squash(self.spelling.fix(name))
                if name_key == key:
                    return known
        return None

    def mention(self, text: str, line: int | None = None, place: Place | None = None,
                into: str | None = None) -> str | None:
        """Register a mention; returns its institution ref. `into` forces the group (a row
        linked to a meeting by date and time names the meeting's institution)."""
        written = clean(text).strip(" ,·()")
        if len(squash(written)) < 2:
            return None
        fixed = self.spelling.fix(written)
        key = squash(fixed)
        skel = skeleton(fixed)
        gov = self._government_city(fixed)
        group = None
        if into is not None:
            group = next((g for g in self.groups if g.ref == into), None)
        if group is None and gov is not None:
            group = next((g for g in self.groups if g.city_id == gov.city_id), None)
        if group is None:
            group = next((g for g in self.groups if key in g.keys), None)
        if group is None and len(skel) >= 3:
            for candidate in self.groups:
                if skel in candidate.skeletons and any(
                        has_hangul(form) != has_hangul(fixed) for form in candidate.forms):
                    group = candidate
                    break
        if group is None:
            known = self._known_for(key, skel)
            if known is not None:
                group = next((g for g in self.groups if g.known is known), None)
            group = group or _Group(ref=f"i{len(self.groups) + 1}", known=known)
            if group not in self.groups:
                self.groups.append(group)
        if gov is not None and group.city_id is None and into is None:
            group.city_id = gov.city_id
            group.place = group.place or gov
        group.forms[written] = group.forms.get(written, 0) + 1
        group.fixed[written] = fixed
        group.keys.add(key)
        if len(skel) >= 3:
            group.skeletons.add(skel)
        if line is not None:
            group.lines.append(line)
        if place is not None and group.place is None:
            group.place = place
        return group.ref

    def find(self, text: str) -> str | None:
        """The ref of an already registered institution that `text` names, without registering."""
        fixed = self.spelling.fix(clean(text))
        key = squash(fixed)
        gov = self._government_city(fixed)
        for group in self.groups:
            if key in group.keys or (gov is not None and group.city_id == gov.city_id):
                return group.ref
        return None

    def names_in(self, text: str) -> list[str]:
        """Refs of registered institutions named anywhere in a free-text line, in order; a
        name inside a longer one ('워싱턴대학교' in '워싱턴대학교 CoMotion') does not count."""
        fixed_text = squash(self.spelling.fix(clean(text)))
        spans: list[tuple[int, int, str]] = []
        for group in self.groups:
            keys = [k for k in group.keys if len(k) >= 3]
            if group.city_id is not None:
                city = gazetteer().city(group.city_id)
                keys += [squash(city.name_ko + suffix) for suffix in ("시청", "시장", "부시장", "시와", "시의",
                                                                       "시에", "시는", "시가", "시를", "시로")]
            for key in keys:
                start = fixed_text.find(key)
                while start >= 0:
                    spans.append((start, start + len(key), group.ref))
                    start = fixed_text.find(key, start + 1)
        kept = [s for s in spans if not any(o[2] != s[2] and o[0] <= s[0] and s[1] <= o[1]
                                            and (o[1] - o[0]) > (s[1] - s[0]) for o in spans)]
        order: list[str] = []
        for _, _, ref in sorted(kept):
            if ref not in order:
                order.append(ref)
        return order

    def institutions(self) -> list[Institution]:
        out = []
        for group in self.groups:
            name_ko, name_en = self._canonical(group)
            aliases = sorted({form for form in group.forms if form not in (name_ko, name_en)
                              and not (group.city_id is not None and re.search(r"시장$", form))})
            city = group.place
            if group.city_id is not None and (city is None or city.city_id != group.city_id):
                city = resolve_place(gazetteer().city(group.city_id).name_ko, self.countries)
            known = group.known
            out.append(Institution(
                ref=group.ref, name_ko=name_ko, name_en=name_en, aliases=aliases,
                city=city, country=(city.country if city else None) or (known.country if known else None),
                type=known.type if known else ("government" if group.city_id else "other"),
                sectors=list(known.sectors) if known else (["public_administration"] if group.city_id else []),
                existing_id=known.institution_id if known else None,
                line_start=min(group.lines) if group.lines else None,
                line_end=max(group.lines) if group.lines else None,
            ))
        return out

    def _canonical(self, group: _Group) -> tuple[str | None, str | None]:
        if group.known is not None:
            return group.known.name_ko, group.known.name_en
        if group.city_id is not None:
            city = gazetteer().city(group.city_id)
            return f"{city.name_ko}시", f"City of {city.name_en}"
        hangul = [f for f in group.forms if has_hangul(f)]
        latin = [f for f in group.forms if not has_hangul(f)]

        def rank(form: str):
            # Correct city spelling first, then fewer spaces, then the most frequent, then first seen.
            needs_fix = group.fixed.get(form, form) != form
            order = list(group.forms).index(form)
            return (group.fixed.get(form, form).count(" "), needs_fix, -group.forms[form], order)

        name_ko = group.fixed.get(best, best) if (best := min(hangul, key=rank, default=None)) else None
        # An English name beats an acronym ('Consumer Technology Association' over 'CTA').
        name_en = min(latin, key=lambda f: (bool(re.fullmatch(r"[A-Z0-9&.\-]{2,8}", f)), -len(f))) if latin else None
        if name_ko is None and name_en is not None:
            # A name written only in Latin letters is kept as the Korean name too (name_ko is required).
            name_ko = name_en
        return name_ko, name_en


def strip_role(text: str) -> str:
    """'켈거리시 인력교류담당자' -> '켈거리시'; '캘거리 부시장' -> '캘거리 부시장' (kept: names a city's government)."""
    stripped = _TRAILING_ROLE.sub("", text).strip()
    if _GOV.match(text.strip()):
        return text.strip()
    return stripped or text
