/*
 * A Kafka-protocol test broker: librdkafka's mock cluster (a real implementation of the Kafka wire
 * protocol, meant for tests) in a process of its own. Only for tests and local experiments; the
 * compose file in infra/ runs a real Kafka.
 *
 *   kafka-mock [--brokers N] [--partitions N] [topic ...]
 *
 * Creates the topics (kafkajs cannot: the mock's controller id is always 0), prints the bootstrap
 * address on stdout as one line, then runs until stdin closes or SIGTERM/SIGINT arrives, so a test
 * runner that dies takes the broker with it.
 */
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t stop = 0;
static void on_signal(int sig) { (void)sig; stop = 1; }

int main(int argc, char **argv) {
  int brokers = 1, partitions = 4, first_topic = 1;
  for (; first_topic < argc && strncmp(argv[first_topic], "--", 2) == 0; first_topic += 2) {
    if (first_topic + 1 >= argc) { fprintf(stderr, "%s needs a value\n", argv[first_topic]); return 2; }
    if (strcmp(argv[first_topic], "--brokers") == 0) brokers = atoi(argv[first_topic + 1]);
    else if (strcmp(argv[first_topic], "--partitions") == 0) partitions = atoi(argv[first_topic + 1]);
    else { fprintf(stderr, "unknown option %s\n", argv[first_topic]); return 2; }
  }
  char errstr[512];
  rd_kafka_conf_t *conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "log_level", "3", errstr, sizeof(errstr)); /* no warning about bootstrap.servers */
  rd_kafka_t *rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof(errstr));
  if (!rk) { fprintf(stderr, "rd_kafka_new: %s\n", errstr); return 1; }
  rd_kafka_mock_cluster_t *cluster = rd_kafka_mock_cluster_new(rk, brokers);
  if (!cluster) { fprintf(stderr, "could not start the mock cluster\n"); return 1; }
  for (int i = first_topic; i < argc; i++) {
    rd_kafka_resp_err_t err = rd_kafka_mock_topic_create(cluster, argv[i], partitions, brokers < 3 ? brokers : 3);
    if (err) { fprintf(stderr, "topic %s: %s\n", argv[i], rd_kafka_err2str(err)); return 1; }
  }
  printf("%s\n", rd_kafka_mock_cluster_bootstraps(cluster));
  fflush(stdout);
  /* Without SA_RESTART, so that a signal interrupts the blocking read below. */
  struct sigaction action;
  memset(&action, 0, sizeof(action));
  action.sa_handler = on_signal;
  sigaction(SIGTERM, &action, NULL);
  sigaction(SIGINT, &action, NULL);
  char buffer[256];
  /* stdin closed (EOF) or a signal: stop. */
  while (!stop && read(STDIN_FILENO, buffer, sizeof(buffer)) > 0) {}
  rd_kafka_mock_cluster_destroy(cluster);
  rd_kafka_destroy(rk);
  return 0;
}
