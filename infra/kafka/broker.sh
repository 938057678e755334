#!/usr/bin/env bash
# A single-node Apache Kafka 4 broker in KRaft mode (broker and controller in one JVM), for the test
# suite and the bench. Needs Java 17+ and Maven; the jars come from Maven Central through pom.xml
# beside this script and stay in the local Maven repository (~/.m2), so only the first run downloads.
#
#   broker.sh <data-dir> <port> <controller-port>
#
# Formats <data-dir> on first use (a restart on the same directory keeps its topics and offsets),
# starts the broker on 127.0.0.1:<port>, waits until it has started, prints the bootstrap address
# as one line on stdout, and then runs until its stdin closes or it gets SIGTERM/SIGINT: a test
# runner that dies takes its broker with it. The broker's own log is <data-dir>/broker.log.
set -euo pipefail

if [ $# -ne 3 ]; then
  echo "usage: $0 <data-dir> <port> <controller-port>" >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$1"
dir=$(cd "$1" && pwd)
port=$2
controller_port=$3
fail() {
  echo "Kafka test broker: $1" >&2
  exit 1
}
command -v java >/dev/null || fail "java not found: install a JDK 17 or later, or set KAFKA_BROKERS to a running broker"
command -v mvn >/dev/null || fail "mvn not found: install Maven, or set KAFKA_BROKERS to a running broker"

# The classpath, resolved once per version of pom.xml (mvn itself takes seconds to start).
classpath_file="$here/target/classpath-$(sha256sum "$here/pom.xml" | cut -c1-16)"
if [ ! -s "$classpath_file" ]; then
  mkdir -p "$here/target"
  tmp=$(mktemp "$classpath_file.XXXXXX")
  mvn -B -q -f "$here/pom.xml" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
    -Dmdep.outputFile="$tmp" -Dmdep.includeScope=runtime >"$dir/maven.log" 2>&1 ||
    fail "could not resolve Kafka's jars from Maven Central (see $dir/maven.log)"
  mv "$tmp" "$classpath_file"
fi
classpath=$(cat "$classpath_file")

cat >"$dir/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/logs
num.partitions=4
auto.create.topics.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
# Threads for a machine of two cores shared with the database and the processes under test.
num.network.threads=2
num.io.threads=2
background.threads=2
num.replica.fetchers=1
log.cleaner.threads=1
EOF

# A small heap needs no concurrent collector: the serial one leaves both cores to the rest.
java_options=(-Xms512m -Xmx1g -XX:+UseSerialGC -XX:CICompilerCount=2 -Djava.awt.headless=true
  -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS
  -Dlog4j2.level=warn)

if [ ! -f "$dir/logs/meta.properties" ]; then
  cluster_id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
  # "=": a random id may start with "-", which would read as an option.
  java "${java_options[@]}" -cp "$classpath" kafka.tools.StorageTool format --cluster-id="$cluster_id" \
    --config "$dir/server.properties" >"$dir/format.log" 2>&1 || fail "could not format $dir (see $dir/format.log)"
fi

# Each start logs afresh (the previous start's log is kept beside it), so the wait below reads this start's.
[ -f "$dir/broker.log" ] && mv "$dir/broker.log" "$dir/broker.previous.log"
exec 3<&0
java "${java_options[@]}" -cp "$classpath" kafka.Kafka "$dir/server.properties" >"$dir/broker.log" 2>&1 </dev/null &
broker=$!
stdin_watch=
stop() {
  set +e
  [ -n "$stdin_watch" ] && kill "$stdin_watch" 2>/dev/null
  kill "$broker" 2>/dev/null
  wait "$broker" 2>/dev/null
}
trap 'stop; exit 0' TERM INT
trap stop EXIT

# Started: the server says so once its listeners accept requests and the metadata is loaded.
for _ in $(seq 1 1200); do
  kill -0 "$broker" 2>/dev/null || fail "the broker exited while starting (see $dir/broker.log)"
  grep -q 'Kafka Server started' "$dir/broker.log" && break
  sleep 0.1
done
grep -q 'Kafka Server started' "$dir/broker.log" || fail "the broker did not start within 120 s (see $dir/broker.log)"
echo "127.0.0.1:$port"

# Until stdin closes (read in the background, so that the traps can run meanwhile).
cat <&3 >/dev/null &
stdin_watch=$!
wait "$stdin_watch" || true
