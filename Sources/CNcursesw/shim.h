#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H
// SwiftPM drops pkg-config's -D flags: ask for the wide-character API explicitly,
// or get_wch/mvaddnwstr silently vanish while the narrow API still compiles.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <locale.h>
#include <wchar.h>
#include <stdio.h>
#include <ncursesw/curses.h>

// Swift 6 rejects curses' global variables as shared mutable state, and cannot import
// function-like macros: small getters instead.
static inline WINDOW *cabinet_stdscr(void) { return stdscr; }
static inline int cabinet_lines(void) { return LINES; }
static inline int cabinet_cols(void) { return COLS; }
static inline int cabinet_color_pairs(void) { return COLOR_PAIRS; }
static inline int cabinet_colors(void) { return COLORS; }
static inline attr_t cabinet_a_normal(void) { return A_NORMAL; }
static inline attr_t cabinet_a_bold(void) { return A_BOLD; }
static inline attr_t cabinet_a_dim(void) { return A_DIM; }
static inline attr_t cabinet_a_reverse(void) { return A_REVERSE; }
static inline attr_t cabinet_a_underline(void) { return A_UNDERLINE; }
static inline int cabinet_ok(void) { return OK; }
static inline int cabinet_err(void) { return ERR; }
static inline int cabinet_key_code_yes(void) { return KEY_CODE_YES; }
static inline int cabinet_key_resize(void) { return KEY_RESIZE; }
static inline int cabinet_key_mouse(void) { return KEY_MOUSE; }
static inline int cabinet_key_up(void) { return KEY_UP; }
static inline int cabinet_key_down(void) { return KEY_DOWN; }
static inline int cabinet_key_left(void) { return KEY_LEFT; }
static inline int cabinet_key_right(void) { return KEY_RIGHT; }
static inline int cabinet_key_home(void) { return KEY_HOME; }
static inline int cabinet_key_end(void) { return KEY_END; }
static inline int cabinet_key_npage(void) { return KEY_NPAGE; }
static inline int cabinet_key_ppage(void) { return KEY_PPAGE; }
static inline int cabinet_key_enter(void) { return KEY_ENTER; }
static inline int cabinet_key_backspace(void) { return KEY_BACKSPACE; }
static inline int cabinet_key_dc(void) { return KEY_DC; }
static inline int cabinet_key_btab(void) { return KEY_BTAB; }
static inline int cabinet_key_f0(void) { return KEY_F0; }
static inline mmask_t cabinet_mouse_all(void) { return ALL_MOUSE_EVENTS; }
static inline mmask_t cabinet_button1_pressed(void) { return BUTTON1_PRESSED | BUTTON1_CLICKED; }
static inline mmask_t cabinet_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t cabinet_button5_pressed(void) {
#ifdef BUTTON5_PRESSED
    return BUTTON5_PRESSED;
#else
    return 0;
#endif
}
static inline int cabinet_set_attrs(attr_t attrs, short pair) { return attr_set(attrs, pair, NULL); }
#endif
