#!/bin/sh
# The bench's own setup (never CI's): PyTorch CPU for the reference rows of `npm run bench`.
set -e
apt-get update
apt-get install -y python3-torch libopenblas0-pthread
