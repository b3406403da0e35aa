"""Collect aidviewer's user-visible strings into the Qt Linguist files beside this script.

    .venv/bin/python resources/translations/extract.py           # update aidviewer_*.ts
    .venv/bin/python resources/translations/extract.py --check   # exit 1 when out of date

(`make translations` runs the first and then compiles each .ts to its .qm with lrelease.)

pyside6-lupdate finds `self.tr("…")` and `QCoreApplication.translate("ctx", "…")` but not
aidviewer's own wrappers, so this reads the code with `ast` instead. A string is found in:

- `self.tr("…")`: context the class whose body holds the call. PySide6 6.11 looks a
  string up under the instance's class and then under each base class in turn, so a
  method inherited from `Base` finds what is filed under "Base". A plural, `self.tr("…",
  "", n)`, is looked up under the instance's class only, so it is filed under each
  subclass of aidviewer's too.
- `QCoreApplication.translate("ctx", "…")`, `QT_TRANSLATE_NOOP("ctx", "…")` and
  `N_("ctx", "…")` (aidviewer/i18n.py, the same mark for Qt-free modules).
- a call of a wrapper: any function or method that hands one of its parameters as the
  text to translate() or to another wrapper, such as `def _tr(text): return
  QCoreApplication.translate("Preferences", text)`. Its context is the one the wrapper
  passes (a literal, or a module constant such as CONTEXT). `self._tr("…")` calls a
  method of the class; `formats.tr("…")` a method of that name defined once in aidviewer.
  A wrapper that also passes a count makes its strings plural (`%n`).
- `Problem(field, "…")` and `problem(field, "…")` of aidviewer/editing (context "Rules":
  the window translates a problem's template before filling it in).
- `tr("…")` in the report templates, resources/reports/*.j2 (context "Reports", the
  context of the formats object the templates get as `tr`).

Writing keeps every translation already made; a string that is new is added unfinished;
one that is gone is kept, marked vanished (or obsolete when it was never finished), as
lupdate does, and comes back finished when the string returns. Locations name the file
but not the line, so that a change elsewhere in a file does not rewrite the .ts.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PACKAGE = ROOT / "aidviewer"
TEMPLATES = ROOT / "resources" / "reports"
TEMPLATE_CONTEXT = "Reports"

# Calls that take (context, text) literally.
MARKS = {"QT_TRANSLATE_NOOP", "N_"}
# The objects whose `translate` is Qt's (a painter or a store module has one too).
QT_APPLICATIONS = {"QCoreApplication", "QGuiApplication", "QApplication"}
# Calls that carry a text translated later under a fixed context: name -> (index, context).
CARRIERS = {"Problem": (1, "Rules"), "problem": (1, "Rules")}

_TEMPLATE_TR = re.compile(r"""\btr\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*[,)]""")


@dataclass(frozen=True)
class Found:
    """One string the code translates, where it was found."""

    context: str
    source: str
    plural: bool
    path: str  # relative to the top of the source tree
    line: int
    comment: str = ""  # the disambiguation, when there is one

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.context, self.source, self.comment)


@dataclass
class Message:
    """One message of a .ts file."""

    context: str
    source: str
    comment: str = ""
    plural: bool = False
    translation: str = ""
    forms: list[str] = field(default_factory=list)  # a plural's translations
    type: str = "unfinished"  # "", "unfinished", "vanished" or "obsolete"
    locations: list[str] = field(default_factory=list)
    translator_comment: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.context, self.source, self.comment)

    @property
    def current(self) -> bool:
        return self.type not in ("vanished", "obsolete")

    @property
    def finished(self) -> bool:
        return self.type == ""


# -- reading the code --------------------------------------------------------------------


@dataclass(frozen=True)
class Wrapper:
    """A function or method that translates one of its parameters."""

    context: str
    text: int  # the position of the text among the call's arguments (self not counted)
    count: int | None  # the position of the count, for plurals; None: never plural
    always_plural: bool = False
    names: tuple[str, ...] = ()  # its parameters, self not counted


def _literal(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _argument(call: ast.Call, index: int, name: str | None = None) -> ast.AST | None:
    if index < len(call.args) and not any(isinstance(a, ast.Starred) for a in call.args):
        return call.args[index]
    for keyword in call.keywords:
        if name is not None and keyword.arg == name:
            return keyword.value
    return None


def _unwrap_str(node: ast.AST | None) -> ast.AST | None:
    """`str(x)` is x (the wrappers turn QT_TRANSLATE_NOOP's `object` back into text)."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "str"
        and len(node.args) == 1
    ):
        return node.args[0]
    return node


def _parameters(function: ast.FunctionDef | ast.AsyncFunctionDef, method: bool) -> list[str]:
    names = [a.arg for a in [*function.args.posonlyargs, *function.args.args]]
    return names[1:] if method else names


class _Module:
    """What one module defines: its string constants, wrappers and classes."""

    def __init__(self, path: Path, tree: ast.Module) -> None:
        self.path = path
        self.tree = tree
        self.constants: dict[str, str] = {}
        for node in tree.body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target, value = node.targets[0], _literal(node.value)
                if isinstance(target, ast.Name) and value is not None:
                    self.constants[target.id] = value
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                value = _literal(node.value)
                if value is not None:
                    self.constants[node.target.id] = value
        self.functions: dict[str, Wrapper] = {}  # plain and nested functions, by name
        self.methods: dict[str, dict[str, Wrapper]] = {}  # class -> method -> wrapper
        self.bases: dict[str, list[str]] = {}  # class -> the names of its bases
        self.defs: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = {}  # plain functions
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                self.defs.setdefault(node.name, node)
            if isinstance(node, ast.ClassDef):
                self.methods.setdefault(node.name, {})
                self.bases[node.name] = [b.id for b in node.bases if isinstance(b, ast.Name)]

    def context_of(self, node: ast.AST | None) -> str | None:
        if isinstance(node, ast.Name):
            return self.constants.get(node.id)
        return _literal(node)


class Extractor:
    """Finds every translated string of the modules it is given."""

    def __init__(self, root: Path = ROOT) -> None:
        self.root = root
        self.modules: list[_Module] = []

    def add(self, path: Path, source: str | None = None) -> None:
        text = path.read_text(encoding="utf-8") if source is None else source
        self.modules.append(_Module(path, ast.parse(text, filename=str(path))))

    # Wrappers are found until no more are: `_more` hands its text to `_tr`, which hands
    # it to translate().
    def _find_wrappers(self) -> None:
        changed = True
        while changed:
            changed = False
            for module in self.modules:
                for function, owner in _definitions(module.tree):
                    table = module.methods[owner] if owner is not None else module.functions
                    if function.name in table:
                        continue
                    wrapper = self._wrapper(module, function, owner)
                    if wrapper is not None:
                        table[function.name] = wrapper
                        changed = True

    def _wrapper(
        self,
        module: _Module,
        function: ast.FunctionDef | ast.AsyncFunctionDef,
        owner: str | None,
    ) -> Wrapper | None:
        names = _parameters(function, owner is not None)
        for node in ast.walk(function):
            if not isinstance(node, ast.Call):
                continue
            found = self._translation(module, node, owner)
            if found is None:
                continue
            context, text, count, _ = found
            text = _unwrap_str(text)
            if not (isinstance(text, ast.Name) and text.id in names) or context is None:
                continue
            count_index = None
            always = False
            if isinstance(count, ast.Name) and count.id in names:
                count_index = names.index(count.id)
            elif count is not None and not (
                isinstance(count, ast.UnaryOp)
                and isinstance(count.op, ast.USub)
                and isinstance(count.operand, ast.Constant)
            ):
                always = True
            return Wrapper(context, names.index(text.id), count_index, always, tuple(names))
        return None

    def _translation(
        self, module: _Module, call: ast.Call, owner: str | None
    ) -> tuple[str | None, ast.AST | None, ast.AST | None, ast.AST | None] | None:
        """(context, text, count, disambiguation) when `call` translates; else None."""
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr == "translate":
            if isinstance(func.value, ast.Name) and func.value.id in QT_APPLICATIONS:
                return (
                    module.context_of(_argument(call, 0, "context")),
                    _argument(call, 1, "sourceText"),
                    _argument(call, 3, "n"),
                    _argument(call, 2, "disambiguation"),
                )
            return None
        wrapper = self._resolve(module, func, owner)
        if wrapper is None:
            return None
        if wrapper == "class":  # PySide6's own self.tr(text, disambiguation, n)
            return (owner, _argument(call, 0), _argument(call, 2, "n"), _argument(call, 1))
        text = _argument(call, wrapper.text, _name(wrapper, wrapper.text))
        count = None
        if wrapper.count is not None:
            count = _argument(call, wrapper.count, _name(wrapper, wrapper.count))
        elif wrapper.always_plural:
            count = ast.Name("n")
        return (wrapper.context, text, count, None)

    def _resolve(self, module: _Module, func: ast.AST, owner: str | None) -> Wrapper | str | None:
        if isinstance(func, ast.Name):
            return module.functions.get(func.id)
        if not isinstance(func, ast.Attribute):
            return None
        if isinstance(func.value, ast.Name) and func.value.id == "self" and owner is not None:
            own = self._method(module, owner, func.attr)
            if own is not None:
                return own
            return "class" if func.attr == "tr" else None
        # Another object's method: the one method of that name among aidviewer's classes.
        candidates = {
            wrapper
            for other in self.modules
            for methods in other.methods.values()
            for name, wrapper in methods.items()
            if name == func.attr
        }
        return candidates.pop() if len(candidates) == 1 else None

    def _method(self, module: _Module, owner: str, name: str) -> Wrapper | None:
        seen: set[str] = set()
        pending = [owner]
        while pending:
            current = pending.pop(0)
            if current in seen:
                continue
            seen.add(current)
            for other in [module, *self.modules]:
                if current in other.methods:
                    if name in other.methods[current]:
                        return other.methods[current][name]
                    pending.extend(other.bases.get(current, []))
                    break
        return None

    def found(self) -> list[Found]:
        """Every translated string of the modules, in the order of the files and lines."""
        self._find_wrappers()
        result: list[Found] = []
        for module in self.modules:
            result.extend(self._found_in(module))
        return result

    def _found_in(self, module: _Module) -> Iterator[Found]:
        path = module.path.relative_to(self.root).as_posix()
        for call, owner in _calls(module.tree):
            func = call.func
            name = func.id if isinstance(func, ast.Name) else None
            if name in MARKS:
                context = module.context_of(_argument(call, 0))
                text = _literal(_argument(call, 1))
                if context is not None and text is not None:
                    yield Found(context, text, False, path, call.lineno)
                continue
            if name in CARRIERS:
                index, context = CARRIERS[name]
                text = _literal(_argument(call, index))
                if text is not None:
                    yield Found(context, text, False, path, call.lineno)
                continue
            yield from self._handed_over(module, call, owner, path)
            translation = self._translation(module, call, owner)
            if translation is None:
                continue
            context, text_node, count, disambiguation = translation
            text = _literal(text_node)
            if context is None or text is None:
                continue
            comment = _literal(disambiguation) or ""
            yield Found(context, text, count is not None, path, call.lineno, comment)
            if count is not None and context == owner and self._is_own_tr(module, call, owner):
                # A plural is looked up under the instance's class only: file it under
                # each subclass too.
                for subclass in self._subclasses(context):
                    yield Found(subclass, text, True, path, call.lineno, comment)

    def _is_own_tr(self, module: _Module, call: ast.Call, owner: str | None) -> bool:
        return self._resolve(module, call.func, owner) == "class"

    def _subclasses(self, name: str) -> list[str]:
        found: list[str] = []
        pending = [name]
        while pending:
            current = pending.pop(0)
            for module in self.modules:
                for cls, bases in module.bases.items():
                    if current in bases and cls not in found:
                        found.append(cls)
                        pending.append(cls)
        return found

    def _handed_over(
        self, module: _Module, call: ast.Call, owner: str | None, path: str
    ) -> Iterator[Found]:
        """The strings a function translates with a translator it is handed:
        `_short_euros(end, step, locale, self.tr)` calls `tr("€{value}M")`."""
        if not isinstance(call.func, ast.Name) or call.func.id not in module.defs:
            return
        function = module.defs[call.func.id]
        names = _parameters(function, False)
        handed = [*zip(names, call.args, strict=False)]
        handed += [(k.arg, k.value) for k in call.keywords if k.arg is not None]
        for name, argument in handed:
            context = self._translator_context(module, argument, owner)
            if context is None:
                continue
            for inner in ast.walk(function):
                if (
                    isinstance(inner, ast.Call)
                    and isinstance(inner.func, ast.Name)
                    and inner.func.id == name
                ):
                    text = _literal(_argument(inner, 0))
                    if text is not None:
                        yield Found(context, text, len(inner.args) > 2, path, inner.lineno)

    def _translator_context(self, module: _Module, node: ast.AST, owner: str | None) -> str | None:
        """The context of a translator handed over uncalled (`self.tr`, `_tr`)."""
        wrapper = self._resolve(module, node, owner)
        if wrapper == "class":
            return owner
        return wrapper.context if isinstance(wrapper, Wrapper) else None


def _name(wrapper: Wrapper, index: int) -> str | None:
    return wrapper.names[index] if index < len(wrapper.names) else None


def _definitions(
    tree: ast.AST, owner: str | None = None
) -> Iterator[tuple[ast.FunctionDef | ast.AsyncFunctionDef, str | None]]:
    """Every function with the class it is a method of (None for a plain function)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.ClassDef):
            yield from _definitions(node, node.name)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node, owner
            yield from _definitions(node, None)  # a nested function is a plain one
        else:
            yield from _definitions(node, owner)


def _calls(tree: ast.AST, owner: str | None = None) -> Iterator[tuple[ast.Call, str | None]]:
    """Every call with the class whose body (or a method of it) holds it."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.ClassDef):
            yield from _calls(node, node.name)
            continue
        if isinstance(node, ast.Call):
            yield node, owner
        yield from _calls(node, owner)


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def template_strings(folder: Path = TEMPLATES, root: Path = ROOT) -> list[Found]:
    found = []
    for path in sorted(folder.glob("*.j2")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in _TEMPLATE_TR.finditer(line):
                text = _unescape(match.group(1) if match.group(1) is not None else match.group(2))
                found.append(Found(TEMPLATE_CONTEXT, text, False,
                                   path.relative_to(root).as_posix(), number))  # fmt: skip
    return found


def extract(root: Path = ROOT) -> list[Found]:
    """Every string aidviewer translates: the package's modules, then the templates."""
    extractor = Extractor(root)
    for path in sorted((root / "aidviewer").rglob("*.py")):
        extractor.add(path)
    return [*extractor.found(), *template_strings(root / "resources" / "reports", root)]


# -- the .ts files -----------------------------------------------------------------------


def read_ts(path: Path) -> tuple[str, list[Message]]:
    """The language and the messages of a .ts file."""
    tree = ElementTree.parse(path)
    top = tree.getroot()
    messages = []
    for context in top.iter("context"):
        name = context.findtext("name") or ""
        for element in context.iter("message"):
            translation = element.find("translation")
            forms = [] if translation is None else translation.findall("numerusform")
            messages.append(
                Message(
                    context=name,
                    source=element.findtext("source") or "",
                    comment=element.findtext("comment") or "",
                    plural=element.get("numerus") == "yes",
                    translation="" if translation is None or forms else translation.text or "",
                    forms=[form.text or "" for form in forms],
                    type="" if translation is None else translation.get("type", ""),
                    locations=[
                        location.get("filename", "") for location in element.iter("location")
                    ],
                    translator_comment=element.findtext("translatorcomment") or "",
                )
            )
    return top.get("language", ""), messages


def merge(old: Iterable[Message], found: Iterable[Found], location_base: Path) -> list[Message]:
    """The messages of a .ts updated to what the code translates now."""
    before = {message.key: message for message in old}
    merged: dict[tuple[str, str, str], Message] = {}
    for item in found:
        location = _relative(item.path, location_base)
        if item.key in merged:
            message = merged[item.key]
            message.plural = message.plural or item.plural
            if location not in message.locations:
                message.locations.append(location)
            continue
        previous = before.get(item.key)
        if previous is None:
            message = Message(item.context, item.source, item.comment, item.plural)
        else:
            kind = {"vanished": "", "obsolete": "unfinished"}.get(previous.type, previous.type)
            if previous.plural != item.plural:  # one form or two: to be translated again
                kind = "unfinished"
            message = replace(previous, type=kind, plural=item.plural, locations=[])
        message.locations.append(location)
        merged[item.key] = message
    gone = []
    for key, message in before.items():
        if key in merged or not (message.translation or any(message.forms)):
            continue  # still used, or gone with nothing translated to keep
        kind = "vanished" if message.finished or message.type == "vanished" else "obsolete"
        gone.append(replace(message, type=kind, locations=[]))
    return [*merged.values(), *gone]


def _relative(path: str, base: Path) -> str:
    """A location as lupdate writes it: relative to the folder of the .ts file."""
    parts = Path(path).parts
    up = len(base.relative_to(ROOT).parts) if base.is_relative_to(ROOT) else 0
    return "/".join([".."] * up + list(parts))


def render_ts(language: str, messages: Iterable[Message]) -> str:
    by_context: dict[str, list[Message]] = {}
    for message in messages:
        by_context.setdefault(message.context, []).append(message)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!DOCTYPE TS>",
        f'<TS version="2.1" language={quoteattr(language)} sourcelanguage="en">',
    ]
    for context in sorted(by_context):
        lines += ["<context>", f"    <name>{escape(context)}</name>"]
        for message in by_context[context]:
            lines.append('    <message numerus="yes">' if message.plural else "    <message>")
            lines += [
                f"        <location filename={quoteattr(location)}/>"
                for location in message.locations
            ]
            lines.append(f"        <source>{escape(message.source)}</source>")
            if message.comment:
                lines.append(f"        <comment>{escape(message.comment)}</comment>")
            if message.translator_comment:
                lines.append(
                    f"        <translatorcomment>{escape(message.translator_comment)}"
                    "</translatorcomment>"
                )
            kind = f" type={quoteattr(message.type)}" if message.type else ""
            if message.plural:
                forms = message.forms or ([message.translation] if message.translation else [])
                lines.append(f"        <translation{kind}>")
                lines += [
                    f"            <numerusform>{escape(form)}</numerusform>" for form in forms
                ]
                if not forms:
                    lines.append("            <numerusform></numerusform>")
                lines.append("        </translation>")
            else:
                lines.append(
                    f"        <translation{kind}>{escape(message.translation)}</translation>"
                )
            lines.append("    </message>")
        lines.append("</context>")
    lines.append("</TS>")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Difference:
    """How a .ts file differs from the code: strings to add, strings gone."""

    new: list[tuple[str, str]]
    vanished: list[tuple[str, str]]

    def __bool__(self) -> bool:
        return bool(self.new or self.vanished)


def compare(messages: Iterable[Message], found: Iterable[Found]) -> Difference:
    current = {message.key for message in messages if message.current}
    wanted = {item.key: item for item in found}
    return Difference(
        new=sorted((context, source) for context, source, _ in wanted.keys() - current),
        vanished=sorted((context, source) for context, source, _ in current - wanted.keys()),
    )


def ts_files(folder: Path = HERE) -> list[Path]:
    return sorted(folder.glob("aidviewer_*.ts"))


def update(path: Path, found: list[Found]) -> list[Message]:
    """Write the .ts at `path` anew from `found`, keeping what it had translated."""
    old_language, old = read_ts(path) if path.exists() else ("", [])
    messages = merge(old, found, path.parent)
    code = old_language or path.stem.removeprefix("aidviewer_")
    path.write_text(render_ts(code, messages), encoding="utf-8")
    return messages


def main(arguments: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 when a .ts file is out of date")  # fmt: skip
    parser.add_argument("--new", metavar="LANGUAGE",
                        help="start aidviewer_LANGUAGE.ts, such as --new de")  # fmt: skip
    options = parser.parse_args(arguments)
    found = extract()
    paths = ts_files()
    if options.new:
        paths.append(HERE / f"aidviewer_{options.new}.ts")
    code = 0
    for path in paths:
        if options.check:
            _, messages = read_ts(path)
            difference = compare(messages, found)
            if difference:
                print(f"{path.name}: {len(difference.new)} new, {len(difference.vanished)}"
                      " gone: run `make translations`", file=sys.stderr)  # fmt: skip
                code = 1
            continue
        messages = update(path, found)
        current = [message for message in messages if message.current]
        unfinished = sum(1 for message in current if not message.finished)
        print(f"{path.name}: {len(current)} strings, {unfinished} unfinished")
    return code


if __name__ == "__main__":
    sys.exit(main())
