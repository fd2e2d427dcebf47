# `make install` puts cabinet, its data, man page and completions under PREFIX (default ~/.local).
PREFIX ?= $(HOME)/.local

.PHONY: install
install:
	scripts/install "$(PREFIX)"
