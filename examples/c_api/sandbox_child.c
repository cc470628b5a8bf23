/* A C program (C89) using secco's C API: it compiles a policy, reads its diagnostics, asks the
 * emulator, then forks a child that installs the filter and makes one allowed and one denied
 * system call in the real kernel. The parent checks what the child saw.
 *
 *   cc -std=c89 sandbox_child.c $(pkg-config --cflags --libs secco) -o sandbox_child
 *
 * Exit status 0 when everything behaved as the policy says; the output explains each step. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <secco/secco.h>

static const char kPolicy[] =
    "DEFAULT_POLICY = allow\n"
    "# the child may not ask for its parent's pid, and may only set its name\n"
    "getppid: return EACCES\n"
    "prctl: arg0 == PR_SET_NAME; return EPERM\n";

static const char kBadPolicy[] = "reed: 1\n";

/* The same idea as an OCI/Docker profile, and one with a typo in an operator. */
static const char kProfile[] =
    "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": ["
    "{\"names\": [\"getppid\"], \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 13}]}";
static const char kBadProfile[] =
    "{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"getppid\"], \"action\": "
    "\"SCMP_ACT_ERRNO\", \"args\": [{\"index\": 0, \"value\": 1, \"op\": \"SCMP_CMP_FOO\"}]}]}";

static const char kNotifyPolicy[] = "DEFAULT_POLICY = allow\ngetppid: return user_notif\n";

static int check_diagnostics(const secco_options* opts) {
  secco_result* res = NULL;
  const secco_diagnostic* d;
  int status = secco_compile_text(opts, "bad.secco", kBadPolicy, sizeof kBadPolicy - 1, &res);
  if (status != SECCO_ERR_POLICY || secco_result_diagnostic_count(res) == 0) {
    printf("expected a policy error, got %s\n", secco_status_string(status));
    secco_result_free(res);
    return 1;
  }
  d = secco_result_diagnostic(res, 0);
  printf("diagnostic: %s:%u:%u: %s: %s\n", d->file, d->line, d->column, d->severity == SECCO_ERROR ? "error" : "other",
         d->message);
  status = d->severity == SECCO_ERROR && d->line == 1 && d->column == 1 ? 0 : 1;
  secco_result_free(res);
  return status;
}

/* An OCI profile through the C API: its problems carry the JSON path; a good one compiles. */
static int check_oci(const secco_options* opts) {
  secco_result* res = NULL;
  const secco_diagnostic* d;
  const char* asm_text;
  size_t length = 0;
  int status = secco_compile_oci(opts, "bad.json", kBadProfile, sizeof kBadProfile - 1, &res);
  if (status != SECCO_ERR_POLICY || (d = secco_result_diagnostic(res, 0)) == NULL) return 1;
  printf("oci diagnostic: %s: %s\n", d->file, d->message);
  if (strcmp(d->message, "syscalls[0].args[0].op: unknown operator 'SCMP_CMP_FOO'") != 0) return 1;
  secco_result_free(res);
  res = NULL;
  status = secco_compile_oci(opts, "good.json", kProfile, sizeof kProfile - 1, &res);
  if (status != SECCO_OK) {
    fprintf(stderr, "%s", secco_result_diagnostics_text(res));
    return 1;
  }
  asm_text = secco_result_render(res, "asm", &length);
  if (asm_text == NULL || length == 0 || strstr(asm_text, "ld [arch]") == NULL) return 1;
  printf("oci profile: %lu bytes of asm\n", (unsigned long)length);
  secco_result_free(res);
  return 0;
}

/* A child that installs a user_notif filter with a new listener and receives its descriptor. */
static int run_listener_child(const secco_options* opts) {
  secco_result* res = NULL;
  int fd = -1;
  int status = secco_compile_text(opts, "notify.secco", kNotifyPolicy, sizeof kNotifyPolicy - 1, &res);
  if (status != SECCO_OK) return 20;
  status = secco_install(res, SECCO_INSTALL_TSYNC | SECCO_INSTALL_NEW_LISTENER, &fd);
  secco_result_free(res);
  if (status == SECCO_ERR_UNSUPPORTED) {
    printf("listener: not supported by this kernel: %s\n", secco_install_message());
    return 0;
  }
  if (status != SECCO_OK || fd < 0) {
    fprintf(stderr, "listener child: %s: %s\n", secco_status_string(status), secco_install_message());
    return 21;
  }
  printf("listener: notification descriptor %d\n", fd);
  close(fd);
  return 0;
}

static int run_child(const secco_result* res) {
  long r;
  int status = secco_install(res, SECCO_INSTALL_TSYNC, NULL);
  if (status != SECCO_OK) {
    fprintf(stderr, "child: install failed: %s: %s\n", secco_status_string(status), secco_install_message());
    return 10;
  }
  r = syscall(SYS_getpid);
  if (r <= 0) return 11; /* allowed by the default */
  errno = 0;
  r = syscall(SYS_getppid);
  if (r != -1 || errno != EACCES) return 12; /* denied by the filter, in the kernel */
  r = syscall(SYS_prctl, 15 /* PR_SET_NAME */, (unsigned long)"secco-child", 0UL, 0UL, 0UL);
  if (r != 0) return 13;
  errno = 0;
  r = syscall(SYS_prctl, 16 /* PR_GET_NAME */, 0UL, 0UL, 0UL, 0UL);
  if (r != -1 || errno != EPERM) return 14;
  return 0;
}

int main(void) {
  secco_options* opts = NULL;
  secco_result* res = NULL;
  secco_syscall call;
  secco_u32 nr = 0, value = 0;
  size_t count = 0, steps = 0;
  const secco_insn* prog;
  int status, wstatus = 0;
  pid_t pid;

  printf("secco %s\n", secco_version());
  if (secco_options_new(&opts) != SECCO_OK) return 1;
  if (secco_options_set(opts, "arch", "x86_64") != SECCO_OK) return 1;
  if (secco_options_set(opts, "no_such_option", "1") != SECCO_ERR_ARGUMENT) return 1;
  if (check_diagnostics(opts) != 0) return 1;
  if (check_oci(opts) != 0) return 1;

  status = secco_compile_text(opts, "child.secco", kPolicy, sizeof kPolicy - 1, &res);
  if (status != SECCO_OK) {
    fprintf(stderr, "%s", secco_result_diagnostics_text(res));
    return 1;
  }
  prog = secco_result_program(res, &count);
  printf("program: %lu instructions\n", (unsigned long)count);

  /* The emulator decides like the kernel will. */
  memset(&call, 0, sizeof call);
  if (secco_syscall_number("getppid", "x86_64", &nr) != SECCO_OK) return 1;
  if (secco_audit_arch("x86_64", &call.arch) != SECCO_OK) return 1;
  call.nr = nr;
  if (secco_emulate(prog, count, &call, &value, &steps) != SECCO_OK) return 1;
  printf("emulated getppid() -> 0x%08x in %lu steps\n", value, (unsigned long)steps);
  if (value != (0x00050000u | EACCES)) return 1;

  fflush(stdout);
  pid = fork();
  if (pid < 0) return 1;
  if (pid == 0) _exit(run_child(res));
  if (waitpid(pid, &wstatus, 0) != pid) return 1;
  secco_result_free(res);
  if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0) {
    printf("child failed: status %d\n", WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1);
    return 1;
  }
  printf("child: getppid denied with EACCES, prctl(PR_GET_NAME) denied with EPERM, the rest allowed\n");

  fflush(stdout);
  pid = fork();
  if (pid < 0) return 1;
  if (pid == 0) {
    int code = run_listener_child(opts);
    fflush(stdout);
    _exit(code);
  }
  if (waitpid(pid, &wstatus, 0) != pid || !WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0) {
    printf("listener child failed\n");
    return 1;
  }
  secco_options_free(opts);
  return 0;
}
