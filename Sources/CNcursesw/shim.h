#ifndef CNCURSESW_SHIM_H
#define CNCURSESW_SHIM_H
// SwiftPM drops pkg-config's -D flags: ask for the wide-character API explicitly,
// or get_wch/mvaddnwstr silently vanish while the narrow API still compiles.
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>
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

// ---------------------------------------------------------------------------------------
// Terminal restoration on signals, crashes and exit.
//
// Everything a signal handler touches lives in one static struct and only
// async-signal-safe calls are made from the handler (write, tcsetattr, dup2, lseek, read,
// close, sigaction, sigprocmask, raise).
//
// NOTE: these are `static inline`, so every object file that calls them gets its own copy
// of the state. Call the cd_restore_* functions from ONE Swift source file only
// (Sources/Terminal/TerminalRestore.swift).
// ---------------------------------------------------------------------------------------

#define CD_RESET_MAX 1024
#define CD_MAX_SIGNAL 32
#define CD_ALTSTACK_SIZE 65536

struct cd_restore_state {
    volatile sig_atomic_t active;
    int tty_fd;
    int have_termios;
    struct termios termios;
    char reset[CD_RESET_MAX];
    size_t reset_len;
    int real_stderr;  // a dup of the original fd 2 while stderr is held, else -1
    int held_stderr;  // the unlinked temporary file fd 2 points at while held, else -1
    unsigned installed;  // bit n: our handler is installed for signal n
    struct sigaction previous[CD_MAX_SIGNAL];
    int atexit_registered;
    int altstack_installed;
    char altstack[CD_ALTSTACK_SIZE];
};

static inline struct cd_restore_state *cd_restore_state(void) {
    static struct cd_restore_state state = {
        .active = 0, .tty_fd = -1, .real_stderr = -1, .held_stderr = -1,
    };
    return &state;
}

static inline void cd_write_all(int fd, const char *buffer, size_t length) {
    while (length > 0) {
        ssize_t n = write(fd, buffer, length);
        if (n < 0) {
            if (errno == EINTR) continue;
            return;
        }
        buffer += n;
        length -= (size_t)n;
    }
}

/// Remembers the terminal's mode (before curses changes it) and the fd to restore it on.
static inline void cd_restore_set_tty(int fd) {
    struct cd_restore_state *s = cd_restore_state();
    s->tty_fd = fd;
    s->have_termios = (fd >= 0 && tcgetattr(fd, &s->termios) == 0);
    s->reset_len = 0;
}

/// Appends raw bytes to the reset sequence written to the tty on an abnormal exit.
static inline void cd_restore_append_bytes(const char *bytes) {
    struct cd_restore_state *s = cd_restore_state();
    size_t n = strlen(bytes);
    if (s->reset_len + n >= CD_RESET_MAX) return;
    memcpy(s->reset + s->reset_len, bytes, n);
    s->reset_len += n;
}

/// Appends a terminfo string capability (without its $<..> padding), if the terminal has it.
static inline void cd_restore_append_capability(const char *name) {
    struct cd_restore_state *s = cd_restore_state();
    char *cap = tigetstr(name);
    if (cap == NULL || cap == (char *)-1) return;
    for (const char *p = cap; *p != '\0'; p++) {
        if (p[0] == '$' && p[1] == '<') {
            const char *end = strchr(p, '>');
            if (end != NULL) { p = end; continue; }
        }
        if (s->reset_len + 1 >= CD_RESET_MAX) return;
        s->reset[s->reset_len++] = *p;
    }
}

static inline void cd_restore_clear_sequence(void) { cd_restore_state()->reset_len = 0; }

/// Sends fd 2 to an unlinked temporary file until cd_restore_release_stderr.
/// Returns 0 on success, -1 (leaving stderr alone) on failure.
static inline int cd_restore_hold_stderr(void) {
    struct cd_restore_state *s = cd_restore_state();
    if (s->held_stderr >= 0) return 0;
    const char *dir = getenv("TMPDIR");
    char path[512];
    snprintf(path, sizeof path, "%s/cabinet-stderr-XXXXXX", (dir != NULL && dir[0] != '\0') ? dir : "/tmp");
    int tmp = mkstemp(path);
    if (tmp < 0) return -1;
    unlink(path);
    fflush(stderr);
    int real = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3);
    if (real < 0) { close(tmp); return -1; }
    if (dup2(tmp, STDERR_FILENO) < 0) { close(tmp); close(real); return -1; }
    s->real_stderr = real;
    s->held_stderr = tmp;
    return 0;
}

/// Points fd 2 back at the real stderr and replays what was written meanwhile.
/// Async-signal-safe.
static inline void cd_restore_release_stderr(void) {
    struct cd_restore_state *s = cd_restore_state();
    int real = s->real_stderr, held = s->held_stderr;
    if (real < 0 || held < 0) return;
    s->real_stderr = -1;
    s->held_stderr = -1;
    dup2(real, STDERR_FILENO);
    close(real);
    if (lseek(held, 0, SEEK_SET) == 0) {
        char buffer[4096];
        for (;;) {
            ssize_t n = read(held, buffer, sizeof buffer);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            cd_write_all(STDERR_FILENO, buffer, (size_t)n);
        }
    }
    close(held);
}

static inline void cd_restore_activate(void) { cd_restore_state()->active = 1; }

/// Marks the screen as stopped normally: a later signal or exit restores nothing.
static inline void cd_restore_deactivate(void) { cd_restore_state()->active = 0; }

/// Restores the terminal if the screen is still up: the reset sequence, then the saved
/// terminal mode, then stderr. Async-signal-safe; does nothing the second time.
static inline void cd_restore_now(void) {
    struct cd_restore_state *s = cd_restore_state();
    if (s->active) {
        s->active = 0;
        if (s->tty_fd >= 0) {
            if (s->reset_len > 0) cd_write_all(s->tty_fd, s->reset, s->reset_len);
            if (s->have_termios) tcsetattr(s->tty_fd, TCSAFLUSH, &s->termios);
        }
    }
    cd_restore_release_stderr();
}

static inline void cd_restore_signal_handler(int sig, siginfo_t *info, void *context) {
    (void)context;
    int saved_errno = errno;
    struct cd_restore_state *s = cd_restore_state();
    cd_restore_now();
    // Give the signal back to whoever had it before us (the default action, or e.g. the
    // Swift runtime's backtracer).
    if (sig > 0 && sig < CD_MAX_SIGNAL && (s->installed & (1u << sig))) {
        sigaction(sig, &s->previous[sig], NULL);
        s->installed &= ~(1u << sig);
    } else {
        signal(sig, SIG_DFL);
    }
    int fault = (sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE)
        && info != NULL && info->si_code > 0;
    if (!fault) {
        // Sent by kill(), raise() or abort(): send it again, now to the previous action.
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, sig);
        sigprocmask(SIG_UNBLOCK, &set, NULL);
        raise(sig);
        // Still here: the previous action handled it and returned (the Swift runtime's
        // backtracer does, once it has printed its report). The screen is given back, so
        // the program cannot carry on: it ends as the signal's default action ends it.
        signal(sig, SIG_DFL);
        raise(sig);
    }
    // A real fault: returning runs the faulting instruction again, which now meets the
    // previous action with its true context.
    errno = saved_errno;
}

static inline void cd_restore_atexit_handler(void) { cd_restore_now(); }

/// Installs the handler for `sig`, unless the signal is ignored (as under nohup).
static inline void cd_restore_install_signal(int sig) {
    struct cd_restore_state *s = cd_restore_state();
    if (sig <= 0 || sig >= CD_MAX_SIGNAL || (s->installed & (1u << sig))) return;
    struct sigaction old;
    if (sigaction(sig, NULL, &old) != 0) return;
    if (old.sa_handler == SIG_IGN && !(old.sa_flags & SA_SIGINFO)) return;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = cd_restore_signal_handler;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    if (sigaction(sig, &action, &s->previous[sig]) == 0) s->installed |= (1u << sig);
}

/// Installs handlers for the terminating and crashing signals, an alternate signal stack
/// (so a stack overflow still restores the terminal) and an atexit hook.
static inline void cd_restore_install(void) {
    struct cd_restore_state *s = cd_restore_state();
    if (!s->altstack_installed) {
        stack_t current;
        if (sigaltstack(NULL, &current) == 0 && (current.ss_flags & SS_DISABLE)) {
            stack_t stack;
            stack.ss_sp = s->altstack;
            stack.ss_size = CD_ALTSTACK_SIZE;
            stack.ss_flags = 0;
            if (sigaltstack(&stack, NULL) == 0) s->altstack_installed = 1;
        }
    }
    static const int signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGABRT};
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) cd_restore_install_signal(signals[i]);
    if (!s->atexit_registered) {
        if (atexit(cd_restore_atexit_handler) == 0) s->atexit_registered = 1;
    }
}

/// Puts back the signal actions that were there before cd_restore_install.
static inline void cd_restore_uninstall(void) {
    struct cd_restore_state *s = cd_restore_state();
    for (int sig = 1; sig < CD_MAX_SIGNAL; sig++) {
        if (s->installed & (1u << sig)) {
            sigaction(sig, &s->previous[sig], NULL);
            s->installed &= ~(1u << sig);
        }
    }
}

/// For tests: whether our handler is installed for `sig`, and whether stderr is held.
static inline int cd_restore_is_installed(int sig) {
    return sig > 0 && sig < CD_MAX_SIGNAL && (cd_restore_state()->installed & (1u << sig)) != 0;
}
static inline int cd_restore_is_holding_stderr(void) { return cd_restore_state()->held_stderr >= 0; }


/* The width ncursesw places a character by: wcwidth in a UTF-8 locale of its own, whatever the
   process's locale (LC_CTYPE is left as it is). */
#include <locale.h>
#include <wchar.h>
static inline int cabinet_wcwidth_utf8(unsigned int c) {
    static locale_t utf8 = (locale_t)0;
    if (!utf8) utf8 = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
    if (!utf8) utf8 = newlocale(LC_CTYPE_MASK, "en_US.UTF-8", (locale_t)0);
    if (!utf8) return wcwidth((wchar_t)c);
    locale_t previous = uselocale(utf8);
    int width = wcwidth((wchar_t)c);
    uselocale(previous);
    return width;
}

#endif
