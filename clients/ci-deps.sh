#!/usr/bin/env bash
# Debian packages the editor tests need (clients/neovim/test/run.sh, clients/vscode/test/run.sh):
# - neovim: the editor of the Neovim test (Debian 12: 0.7.2)
# - chromium: the headless browser that drives code-server's workbench
# - ripgrep: replaces the rg binary that code-server's install would download from GitHub
# - build-essential pkg-config python3 libx11-dev libxkbfile-dev libsecret-1-dev libkrb5-dev:
#   code-server's native modules (native-keymap, kerberos, ...) are built from source
# Node 20, Java 17 and Maven are expected on the machine already.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends neovim chromium ripgrep \
  build-essential pkg-config python3 libx11-dev libxkbfile-dev libsecret-1-dev libkrb5-dev
