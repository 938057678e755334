#!/usr/bin/env bash
# Builds the Kafka test broker (needs Debian's librdkafka-dev and a C compiler; .ci/run installs them).
set -euo pipefail
cd "$(dirname "$0")"
cc -O2 -Wall -o kafka-mock kafka-mock.c -lrdkafka
