# Pingce build, test and packaging. Run `make help` for the targets.

GO        ?= go
BIN       ?= bin/pingce
PKGS      := ./...
APT_PKGS  := gcc pkg-config libgl1-mesa-dev xorg-dev
SUDO      := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# no_emoji leaves out Fyne's 4 MB colour-emoji font, which the window would
# otherwise parse once per text style (about 11 MB of memory; see
# docs/performance.md). A self-assessment has no use for emoji.
TAGS      := no_emoji

.PHONY: help deps build run test check lint vet vulncheck fmt-check graph-check bench fuzz screenshots dist dist-loong64 dist-check fonts clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

deps: ## install the system packages the build needs (Debian/Ubuntu)
	@command -v $(GO) >/dev/null || { echo "installing Go (go.mod's toolchain line fetches Go 1.26 on first use)"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq golang-go; }
	@missing=""; for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

build: deps ## build the binary into bin/
	$(GO) build -tags $(TAGS) -o $(BIN) .

run: build ## build and start the application
	./$(BIN)

fmt-check: ## fail if any Go file is not gofmt-formatted
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet: ## go vet
	$(GO) vet $(PKGS)

graph-check: ## the import rules: domain on the standard library only; only app imports storage; CLI, demo and UI see no storage or GORM
	@GO=$(GO) sh scripts/graph-check.sh

vulncheck: ## govulncheck when its database answers (GOVULNDB=file:///… for a copy on disk), else one line saying it was skipped
	@GO=$(GO) sh scripts/vulncheck.sh

lint: fmt-check vet graph-check vulncheck ## formatting, vet, import graph, govulncheck and staticcheck
	@if command -v staticcheck >/dev/null 2>&1; then staticcheck $(PKGS); \
	elif [ -x "$$($(GO) env GOPATH)/bin/staticcheck" ]; then "$$($(GO) env GOPATH)/bin/staticcheck" $(PKGS); \
	else $(GO) run honnef.co/go/tools/cmd/staticcheck@v0.8.2 $(PKGS); fi

check: lint ## alias of lint

test: deps lint ## lint, all tests with the race detector, and a build of the binary
	$(GO) test -race -count=1 $(PKGS)
	$(GO) build -tags $(TAGS) -o $(BIN) .

bench: ## speed and memory benchmarks
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

FUZZTIME ?= 30s
fuzz: ## run every fuzz target for FUZZTIME each (default 30s); a short -fuzzminimizetime, or the engine spends the time minimizing its large seeds
	@for f in $$(grep -rl --include='*_test.go' '^func Fuzz' internal); do \
		dir=$$(dirname $$f); \
		for t in $$(grep -o '^func Fuzz[A-Za-z0-9_]*' $$f | sed 's/^func //'); do \
			echo "fuzz $$dir $$t"; \
			CGO_ENABLED=0 $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 2s ./$$dir/ || exit 1; \
		done; \
	done

# The release packages: .deb and .tar.xz for linux/amd64 and linux/arm64
# (cross-compiled), the Windows .zip, and SHA256SUMS, built reproducibly from
# the committed tree by scripts/dist.sh (README, "Packages"). DIST_TARGETS
# picks some, e.g. `make dist DIST_TARGETS=linux-amd64`; DIST_OLD_GLIBC=1
# builds the Linux binaries in a Debian 11 root, for glibc 2.27 and later.
dist: deps ## release packages in dist/: .deb and .tar.xz (amd64, arm64), Windows .zip, SHA256SUMS
	rm -rf dist
	bash scripts/dist.sh

# LoongArch (龙芯): dist.sh inside a Debian sid root, which has the loong64
# cross compiler and libraries that Debian 12 lacks (README, "Packages").
dist-loong64: deps ## add the linux/loong64 .deb and .tar.xz to dist/ (Debian sid root)
	bash scripts/dist-loong64.sh

# Slow, and so not part of `make test` or .ci/run: dpkg-deb field and payload
# checks, desktop-file-validate, the arm64 CLI under qemu, dpkg -i/-r in a
# bare Debian 12 root, the .exe's resources, the CLI under Wine, and a second
# build from a fresh clone compared by hash. DIST_CHECKS picks some.
dist-check: ## check the packages in dist/ (slow; run after make dist)
	bash scripts/dist-check.sh

# The upstream font the subsets in assets/fonts are made from: the .ttf the
# project was given, or face 0 of Debian's fonts-wqy-microhei .ttc.
FONT_SOURCE ?= ../shared/fonts/WenQuanYiMicroHei.ttf

fonts: ## remake the font subsets in assets/fonts (see assets/fonts/README.md)
	@missing=""; for p in python3-fonttools unicode-data fonts-hanazono; do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; fi
	/usr/bin/python3 scripts/fonts.py $(FONT_SOURCE)
	$(GO) test -count=1 ./assets

screenshots: deps ## run the app under Xvfb on a demo database and write docs/screenshots/*.png
	bash scripts/screenshots.sh   # builds with -tags "no_emoji probe": the harness is not in release builds

clean: ## remove build output
	rm -rf bin dist
