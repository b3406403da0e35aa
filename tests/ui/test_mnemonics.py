"""Every menu's mnemonics (the underlined letters Alt reaches) are distinct."""

from __future__ import annotations

from window_helpers import WindowFactory


def test_no_two_items_of_a_menu_share_a_mnemonic(make_window: WindowFactory) -> None:
    window = make_window()
    for bar_action in window.menuBar().actions():
        menu = bar_action.menu()
        assert menu is not None
        seen: dict[str, str] = {}
        for action in menu.actions():
            text = action.text()
            if "&" not in text:
                continue
            letter = text[text.index("&") + 1].casefold()
            assert letter not in seen, (bar_action.text(), seen[letter], text)
            seen[letter] = text
