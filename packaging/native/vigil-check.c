/*
 * The launcher of one Vigil check: check_drbd, check_raid or check_cluster, as Nagios and Icinga
 * run it (a new process every minute, on every host). Built once per check by build.sh, with
 * VIGIL_SERVICE (the status line's first word) and VIGIL_MAIN (the check's Java class).
 *
 * 1. The fast path (README "Fast path"): with a running vigil-exporter's socket at
 *    VIGIL_FAST_PATH (default /run/vigil/fast-path.sock; "off": never), ask it to run the check
 *    (protocol: exporter FastPathRequest.java); on an answer, print the check's stdout and exit
 *    with its code.
 * 2. Otherwise the standalone check: exec java with start-up-friendly flags and the check's
 *    class-data archive (vigil-cds), on the jar beside a checkout or /usr/share/vigil/vigil.jar.
 *    When the fast path was tried and failed (nobody listens, refused, too slow, another jar,
 *    a malformed answer), nothing has been printed on stdout, and the check gets
 *    VIGIL_FAST_PATH=off and VIGIL_SPENT_MS (the milliseconds spent so far, taken off its -t).
 *
 * C, not a script: this is every check's start-up. perl alone costs 3 ms to start here, sh plus
 * the tools that find the jar and java 7 ms; this program ~1 ms (README "Start-up").
 *
 * VIGIL_FAST_PATH_TRACE=1: one line on stderr saying which path answered and why.
 * Environment read by the standalone path: JAVA_HOME, VIGIL_JAR, VIGIL_CDS_DIR, and for
 * vigil-cds only: VIGIL_CDS_WHERE (print java, jar and archive directory, then exit 0),
 * VIGIL_CDS_TRAIN=FILE.aot|FILE.classlist (record an AOT cache or a class list there instead of
 * using an archive).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#if !defined(VIGIL_SERVICE) || !defined(VIGIL_MAIN)
#error "build with -DVIGIL_SERVICE='\"DRBD\"' -DVIGIL_MAIN='\"org.vigil.drbd.cli.CheckDrbd\"'"
#endif

#define INSTALLED_JAR "/usr/share/vigil/vigil.jar"
#define INSTALLED_CDS "/var/cache/vigil/cds"
#define DEFAULT_SOCKET "/run/vigil/fast-path.sock"
#define MAX_REQUEST 65536
#define ACCEPT_MS 500L

static struct timespec started;
static int tracing;

static long elapsed_ms(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    long ms = (now.tv_sec - started.tv_sec) * 1000L + (now.tv_nsec - started.tv_nsec) / 1000000L;
    return ms < 0 ? 0 : ms;
}

static const char *env(const char *name) {
    const char *value = getenv(name);
    return value != NULL && value[0] != '\0' ? value : NULL;
}

static int is_file(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* A status line on stdout and exit 3: the plugin contract holds even when Java cannot start. */
static void unknown(const char *format, ...) {
    va_list ap;
    printf("%s UNKNOWN - ", VIGIL_SERVICE);
    va_start(ap, format);
    vprintf(format, ap);
    va_end(ap);
    putchar('\n');
    fflush(stdout);
    exit(3);
}

static char *concat(const char *a, const char *b, const char *c) {
    size_t la = strlen(a), lb = strlen(b), lc = strlen(c);
    char *s = malloc(la + lb + lc + 1);
    if (s == NULL) {
        unknown("out of memory");
    }
    memcpy(s, a, la);
    memcpy(s + la, b, lb);
    memcpy(s + la + lb, c, lc + 1);
    return s;
}

/* The jar: VIGIL_JAR, else one beside this program as a checkout's build (target/plugins/check_*
 * and target/vigil.jar) or the tarball (bin/check_* and target/vigil.jar) lay them out, else the
 * installed one. NULL when there is none, with *why: "VIGIL_JAR" when that names no file. */
static const char *find_jar(const char **why) {
    const char *jar = env("VIGIL_JAR");
    if (jar != NULL) {
        if (!is_file(jar)) {
            *why = "VIGIL_JAR";
            return NULL;
        }
        return jar;
    }
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    char *slash = n > 0 ? memrchr(self, '/', (size_t) n) : NULL;
    if (slash != NULL) {
        *slash = '\0';
        const char *layouts[] = {"/../vigil.jar", "/../target/vigil.jar"};
        for (size_t i = 0; i < sizeof layouts / sizeof layouts[0]; i++) {
            char *beside = concat(self, layouts[i], "");
            char *real = is_file(beside) ? realpath(beside, NULL) : NULL;
            free(beside);
            if (real != NULL) {
                return real;
            }
        }
    }
    *why = "none";
    return is_file(INSTALLED_JAR) ? INSTALLED_JAR : NULL;
}

/* $JAVA_HOME/bin/java, else the first java on PATH (as sh's command -v finds it). */
static const char *find_java(void) {
    const char *home = env("JAVA_HOME");
    if (home != NULL) {
        return concat(home, "/bin/java", "");
    }
    const char *path = env("PATH");
    if (path == NULL) {
        path = "/usr/local/bin:/usr/bin:/bin";
    }
    while (*path != '\0') {
        size_t len = strcspn(path, ":");
        char *dir = strndup(path, len);
        char *java = concat(len == 0 ? "." : dir, "/java", "");
        free(dir);
        if (is_file(java) && access(java, X_OK) == 0) {
            return java;
        }
        free(java);
        path += len + (path[len] == ':');
    }
    return NULL;
}

/* VIGIL_CDS_DIR (or the default for this jar) / the real path of java with every byte outside
 * [A-Za-z0-9._-] as '_': an archive holds for one JDK and one jar path only. */
static char *archive_dir(const char *java, const char *jar) {
    const char *base = env("VIGIL_CDS_DIR");
    char *owned = NULL;
    if (base == NULL) {
        if (strcmp(jar, INSTALLED_JAR) == 0) {
            base = INSTALLED_CDS;
        } else {
            const char *slash = strrchr(jar, '/');
            char *dir = slash == NULL ? strdup(".")
                : slash == jar ? strdup("/") : strndup(jar, (size_t) (slash - jar));
            owned = concat(dir, strcmp(dir, "/") == 0 ? "" : "/", "cds");
            free(dir);
            base = owned;
        }
    }
    char *real = realpath(java, NULL);
    char *name = strdup(real != NULL ? real : java);
    for (char *c = name; *c != '\0'; c++) {
        if (!((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9')
              || *c == '.' || *c == '_' || *c == '-')) {
            *c = '_';
        }
    }
    char *dir = concat(base, "/", name);
    free(real);
    free(name);
    free(owned);
    return dir;
}

static int ends_with(const char *s, const char *suffix) {
    size_t ls = strlen(s), lx = strlen(suffix);
    return ls >= lx && strcmp(s + ls - lx, suffix) == 0;
}

/* Runs the check in a JVM; never returns. */
static void standalone(int argc, char **argv) {
    const char *why = NULL;
    const char *jar = find_jar(&why);
    if (jar == NULL) {
        if (strcmp(why, "VIGIL_JAR") == 0) {
            unknown("VIGIL_JAR=%s: no such file", getenv("VIGIL_JAR"));
        }
        unknown("vigil.jar not found (in a checkout, build it with:"
                " mvn -B -q package -DskipTests)");
    }
    const char *java = find_java();
    if (java == NULL || access(java, X_OK) != 0) {
        unknown("java not found (set JAVA_HOME or put java on PATH)");
    }
    char *cds = archive_dir(java, jar);
    if (env("VIGIL_CDS_WHERE") != NULL) {
        printf("%s\n%s\n%s\n", java, jar, cds);
        exit(0);
    }

    /* Flags: conventions.md section 3.5. JVM logging goes to stderr only: a stale or damaged
     * archive makes the JVM complain, and on stdout that would be the plugin's first line. */
    const char *fixed[] = {"-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xss512k", "-Xmx64m",
                           "-Xlog:disable", "-Xlog:all=warning:stderr"};
    size_t nfixed = sizeof fixed / sizeof fixed[0];
    char **jvm = calloc(nfixed + 4 + 3 + (size_t) argc + 1, sizeof *jvm);
    if (jvm == NULL) {
        unknown("out of memory");
    }
    size_t n = 0;
    jvm[n++] = (char *) java;
    for (size_t i = 0; i < nfixed; i++) {
        jvm[n++] = (char *) fixed[i];
    }
    /* The archive vigil-cds made for this java: an AOT cache (.aot) on JDK 25+, a static AppCDS
     * archive (.jsa: the JDK's classes and ours) on JDK 17-24. Missing, stale or damaged, the
     * JVM runs without it. The collector goes with it: JDK 17 maps an archive's heap objects
     * (the module graph, class mirrors, strings) only under G1, and without them starts 20 ms
     * later; JDK 25 maps them under any collector, and starts 3 ms sooner with Serial's
     * simpler set-up (README "Start-up cost"). vigil-cds records with VIGIL_CDS_TRAIN: the
     * cache itself, or the class list it then dumps the archive from. */
    const char *train = env("VIGIL_CDS_TRAIN");
    char *aot = concat(cds, "/" VIGIL_MAIN, ".aot");
    char *jsa = concat(cds, "/" VIGIL_MAIN, ".jsa");
    int aot_cache = train != NULL ? ends_with(train, ".aot") : is_file(aot);
    jvm[n++] = aot_cache ? "-XX:+UseSerialGC" : "-XX:+UseG1GC";
    if (train != NULL) {
        if (!aot_cache && !ends_with(train, ".classlist")) {
            unknown("VIGIL_CDS_TRAIN=%s: must end in .aot or .classlist", train);
        }
        jvm[n++] = concat(aot_cache ? "-XX:AOTCacheOutput=" : "-XX:DumpLoadedClassList=", train,
                          "");
    } else if (aot_cache) {
        jvm[n++] = concat("-XX:AOTCache=", aot, "");
        jvm[n++] = "-Xlog:aot*=off:stderr";
        jvm[n++] = "-Xlog:cds*=off:stderr";
    } else if (is_file(jsa)) {
        jvm[n++] = concat("-XX:SharedArchiveFile=", jsa, "");
        jvm[n++] = "-Xlog:cds*=off:stderr";
    }
    jvm[n++] = "-cp";
    jvm[n++] = (char *) jar;
    jvm[n++] = VIGIL_MAIN;
    for (int i = 1; i < argc; i++) {
        jvm[n++] = argv[i];
    }
    jvm[n] = NULL;
    execv(java, jvm);
    unknown("cannot run %s: %s", java, strerror(errno));
}

/* The fast path failed before printing anything: the standalone check, told what was spent. */
static void fall_back(int argc, char **argv, const char *format, ...) {
    long spent = elapsed_ms() + 1;  /* rounded up: the check takes it off -t */
    if (tracing) {
        va_list ap;
        fputs("vigil-fast: ", stderr);
        va_start(ap, format);
        vfprintf(stderr, format, ap);
        va_end(ap);
        fprintf(stderr, "; running the standalone check (%ld ms spent)\n", spent);
    }
    char ms[24];
    snprintf(ms, sizeof ms, "%ld", spent);
    setenv("VIGIL_FAST_PATH", "off", 1);
    setenv("VIGIL_SPENT_MS", ms, 1);
    standalone(argc, argv);
}

/* 1-9999 with any leading zeros, the whole string: a -t value the check accepts. 0 otherwise. */
static long timeout_value(const char *s) {
    while (*s == '0') {
        s++;
    }
    size_t len = strlen(s);
    if (len == 0 || len > 4 || strspn(s, "0123456789") != len) {
        return 0;
    }
    return strtol(s, NULL, 10);
}

/* The last valid -t N, -tN, --timeout N or --timeout=N; 10 s without. */
static long timeout_seconds(int argc, char **argv) {
    long seconds = 10;
    for (int i = 1; i < argc; i++) {
        long t = 0;
        if ((strcmp(argv[i], "-t") == 0 || strcmp(argv[i], "--timeout") == 0) && i + 1 < argc) {
            t = timeout_value(argv[i + 1]);
        } else if (strncmp(argv[i], "--timeout=", 10) == 0) {
            t = timeout_value(argv[i] + 10);
        } else if (strncmp(argv[i], "-t", 2) == 0) {
            t = timeout_value(argv[i] + 2);
        }
        if (t > 0) {
            seconds = t;
        }
    }
    return seconds;
}

struct answer {
    char *bytes;
    size_t length;
    size_t capacity;
};

/* Waits until `deadline` ms (since start) for more of the answer. 1: more came; 0: time up;
 * -1: the exporter closed the connection or it failed. */
static int more(int sock, struct answer *a, long deadline) {
    for (;;) {
        long left = deadline - elapsed_ms();
        if (left <= 0) {
            return 0;
        }
        struct pollfd p = {.fd = sock, .events = POLLIN};
        int ready = poll(&p, 1, left > INT_MAX ? INT_MAX : (int) left);
        if (ready < 0 && errno == EINTR) {
            continue;
        }
        if (ready <= 0) {
            return ready == 0 ? 0 : -1;
        }
        if (a->capacity - a->length < 65536) {
            size_t capacity = a->capacity * 2 + 65536;
            char *bytes = realloc(a->bytes, capacity);
            if (bytes == NULL) {
                return -1;
            }
            a->bytes = bytes;
            a->capacity = capacity;
        }
        ssize_t n = read(sock, a->bytes + a->length, a->capacity - a->length - 1);
        if (n < 0 && (errno == EINTR || errno == EAGAIN)) {
            continue;
        }
        if (n <= 0) {
            return -1;
        }
        a->length += (size_t) n;
        a->bytes[a->length] = '\0';
        return 1;
    }
}

static int is_printable_ascii(const char *s) {
    for (; *s != '\0'; s++) {
        if (*s < ' ' || *s > '~') {
            return 0;
        }
    }
    return 1;
}

int main(int argc, char **argv) {
    clock_gettime(CLOCK_MONOTONIC, &started);
    tracing = env("VIGIL_FAST_PATH_TRACE") != NULL;
    const char *path = env("VIGIL_FAST_PATH");
    if (path == NULL) {
        path = DEFAULT_SOCKET;
    }
    struct stat st;
    /* No socket: the JVM without a word. So too when vigil-cds records an archive. */
    if (strcmp(path, "off") == 0 || stat(path, &st) != 0 || !S_ISSOCK(st.st_mode)
        || env("VIGIL_CDS_TRAIN") != NULL || env("VIGIL_CDS_WHERE") != NULL) {
        standalone(argc, argv);
    }

    /* The request line: tab-separated, so printable ASCII only (the standalone JVM decodes
     * other bytes by the locale). */
    const char *why = NULL;
    const char *jar = find_jar(&why);
    if (jar == NULL) {
        fall_back(argc, argv, "no jar");
    }
    if (stat(jar, &st) != 0) {
        fall_back(argc, argv, "cannot stat %s: %s", jar, strerror(errno));
    }
    size_t length = 64 + strlen(VIGIL_MAIN);
    for (int i = 1; i < argc; i++) {
        if (!is_printable_ascii(argv[i])) {
            fall_back(argc, argv, "an argument holds a byte other than printable ASCII");
        }
        length += strlen(argv[i]) + 1;
        if (length > MAX_REQUEST + 64) {
            fall_back(argc, argv, "request too long");
        }
    }
    char *request = malloc(length + 1);
    if (request == NULL) {
        fall_back(argc, argv, "out of memory");
    }
    /* The jar's size and mtime: an exporter running another jar (an upgrade it was not
     * restarted after) refuses. */
    int used = snprintf(request, length + 1, "VIGIL-FAST/1\t%lld:%lld\t%s",
                        (long long) st.st_size, (long long) st.st_mtim.tv_sec, VIGIL_MAIN);
    for (int i = 1; i < argc; i++) {
        used += snprintf(request + used, length + 1 - (size_t) used, "\t%s", argv[i]);
    }
    request[used++] = '\n';
    if (used > MAX_REQUEST) {
        fall_back(argc, argv, "request too long");
    }

    struct sockaddr_un address = {.sun_family = AF_UNIX};
    if (strlen(path) >= sizeof address.sun_path) {
        fall_back(argc, argv, "socket path too long");
    }
    strcpy(address.sun_path, path);
    /* Non-blocking: a connect fails at once when the exporter's listen backlog is full. */
    int sock = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (sock < 0) {
        fall_back(argc, argv, "socket: %s", strerror(errno));
    }
    if (connect(sock, (struct sockaddr *) &address, sizeof address) != 0) {
        fall_back(argc, argv, "connect %s: %s", path, strerror(errno));
    }
    if (send(sock, request, (size_t) used, MSG_NOSIGNAL) != used) {
        fall_back(argc, argv, "write: %s", strerror(errno));
    }

    /* "accepted" within 500 ms; the answer within -t plus a margin (the exporter's own -t ends
     * the check in time and reports it). */
    struct answer a = {NULL, 0, 0};
    long budget = timeout_seconds(argc, argv) * 1000L + ACCEPT_MS;
    int got;
    while (a.length == 0 || memchr(a.bytes, '\n', a.length) == NULL) {
        if ((got = more(sock, &a, ACCEPT_MS)) <= 0) {
            fall_back(argc, argv, got == 0 ? "no answer within 500 ms"
                                           : "the exporter closed the connection");
        }
    }
    if (strncmp(a.bytes, "refused ", 8) == 0) {
        fall_back(argc, argv, "refused: %.*s", (int) strcspn(a.bytes + 8, "\n"), a.bytes + 8);
    }
    if (strncmp(a.bytes, "accepted\n", 9) != 0) {
        fall_back(argc, argv, "malformed answer");
    }
    size_t head = 9;
    while (memchr(a.bytes + head, '\n', a.length - head) == NULL) {
        if ((got = more(sock, &a, budget)) <= 0) {
            fall_back(argc, argv, got == 0 ? "no answer within -t"
                                           : "the exporter closed the connection");
        }
    }
    /* exit CODE LENGTH\n: CODE 0-3, LENGTH 1-8 digits, then exactly LENGTH bytes of stdout. */
    const char *line = a.bytes + head;  /* NUL-terminated after the answer's last byte */
    if (strncmp(line, "exit ", 5) != 0 || line[5] < '0' || line[5] > '3' || line[6] != ' ') {
        fall_back(argc, argv, "malformed answer");
    }
    size_t digits = strspn(line + 7, "0123456789");
    if (digits < 1 || digits > 8 || line[7 + digits] != '\n') {
        fall_back(argc, argv, "malformed answer");
    }
    int code = line[5] - '0';
    size_t expected = (size_t) strtoul(line + 7, NULL, 10);
    size_t body = head + 7 + digits + 1;
    while (a.length - body < expected) {
        if ((got = more(sock, &a, budget)) <= 0) {
            fall_back(argc, argv, got == 0 ? "no answer within -t"
                                           : "the exporter closed the connection");
        }
    }
    if (a.length - body != expected) {
        fall_back(argc, argv, "malformed answer");
    }

    /* The answer is complete: from here on, nothing falls back. */
    for (size_t written = 0; written < expected;) {
        ssize_t n = write(STDOUT_FILENO, a.bytes + body + written, expected - written);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return 3;  /* stdout is gone: nobody to tell */
        }
        written += (size_t) n;
    }
    if (tracing) {
        fputs("vigil-fast: answered by the exporter\n", stderr);
    }
    return code;
}
