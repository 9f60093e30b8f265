/* The electronic certificate's signature, checked as a bank checks it: a
 * throwaway CA and signing key made with openssl, a document signed here,
 * `openssl cms -verify` against the CA (passes), the same with one byte of
 * the document changed (fails); a key open to others is refused. */
#include "config.h"

#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sign/sign.h"
#include "tap.h"
#include "util.h"

static char dir[] = "/tmp/hosho-sign-test.XXXXXX";

static const char document[] =
	"{\"fee_yen\": 345678, \"bank_name\": \"岩手銀行\", \"loan_amount\": 12500000, "
	"\"company_name\": \"株式会社北上精密\", \"certificate_no\": \"2024-0001234\"}";

static char *path(const char *name)
{
	return xasprintf("%s/%s", dir, name);
}

/* Runs a shell command in the test directory; its exit status. */
static int run(const char *cmd)
{
	char *in_dir = xasprintf("cd '%s' && %s >>openssl.log 2>&1", dir, cmd);
	int status = system(in_dir);

	free(in_dir);
	return status == -1 ? -1 : WEXITSTATUS(status);
}

/* A CA the bank trusts, and the corporation's signing key and certificate
 * issued by it (digital signature only, as the operator's would be). */
static bool make_keys(void)
{
	return run("openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 "
		   "-subj '/O=Test CA/CN=Test Root'") == 0 &&
	       run("openssl req -newkey rsa:2048 -nodes -keyout corp.key -out corp.csr "
		   "-subj '/O=Iwate Credit Guarantee Corporation/CN=hosho signer'") == 0 &&
	       run("printf 'keyUsage=critical,digitalSignature,nonRepudiation\\n' > ext.cnf") == 0 &&
	       run("openssl x509 -req -in corp.csr -CA ca.pem -CAkey ca.key -CAcreateserial "
		   "-days 2 -extfile ext.cnf -out corp.pem") == 0 &&
	       run("openssl x509 -req -in corp.csr -CA ca.pem -CAkey ca.key -CAcreateserial "
		   "-days -1 -extfile ext.cnf -out expired.pem") == 0 &&
	       run("chmod 600 corp.key") == 0;
}

static bool write_file(const char *name, const void *data, size_t n)
{
	char *p = path(name);
	FILE *f = fopen(p, "wb");
	bool ok = f && fwrite(data, 1, n, f) == n;

	if (f)
		ok = fclose(f) == 0 && ok;
	free(p);
	return ok;
}

/* What a bank runs on the two files it receives, trusting ca. */
static int bank_verifies(const char *content, const char *ca)
{
	char *cmd = xasprintf("openssl cms -verify -binary -inform DER -in doc.p7s -content %s "
			      "-CAfile %s -out /dev/null", content, ca);
	int status = run(cmd);

	free(cmd);
	return status;
}

static void test_sign_verify(void)
{
	char *key = path("corp.key"), *cert = path("corp.pem"), *err = NULL, *subject;
	struct signer *s = signer_load(key, cert, &err);
	unsigned char *der = NULL;
	size_t der_len = 0;
	char tampered[sizeof document];

	if (!ok(s != NULL, "a 0600 key with its certificate loads")) {
		printf("# %s\n", err);
		free(err);
		free(key);
		free(cert);
		return;
	}
	subject = signer_subject(s);
	is_str(subject, "CN=hosho signer,O=Iwate Credit Guarantee Corporation",
	       "the signer's subject, RFC 2253");
	ok(signer_sign(s, (const unsigned char *)document, strlen(document), &der, &der_len, &err),
	   "the document is signed");
	ok(der_len > 0 && der[0] == 0x30, "the signature is DER (a SEQUENCE)");
	ok(write_file("doc.json", document, strlen(document)) &&
	       write_file("doc.p7s", der, der_len), "the document and its signature are written");
	is_int(bank_verifies("doc.json", "ca.pem"), 0, "openssl cms -verify against the CA passes");

	memcpy(tampered, document, sizeof document);
	tampered[strstr(document, "345678") - document] = '9';
	write_file("tampered.json", tampered, strlen(tampered));
	ok(bank_verifies("tampered.json", "ca.pem") != 0, "one byte changed (the fee 345678 to 945678) fails");
	write_file("short.json", document, strlen(document) - 1);
	ok(bank_verifies("short.json", "ca.pem") != 0, "the last byte cut off fails");
	ok(run("openssl req -x509 -newkey rsa:2048 -nodes -keyout other.key -out other.pem -days 2 "
	       "-subj '/CN=Another CA'") == 0 && bank_verifies("doc.json", "other.pem") != 0,
	   "a bank trusting another CA does not accept it");

	free(subject);
	free(der);
	signer_free(s);
	free(key);
	free(cert);
}

static void expect_refused(const char *key_name, const char *cert_name, const char *want,
			   const char *name)
{
	char *key = path(key_name), *cert = path(cert_name), *err = NULL;
	struct signer *s = signer_load(key, cert, &err);

	ok(s == NULL, "%s is refused", name);
	if (!ok(err && strstr(err, want), "%s: the reason says so", name))
		printf("# got: %s\n", err ? err : "(none)");
	signer_free(s);
	free(err);
	free(key);
	free(cert);
}

static void test_refusals(void)
{
	char *key = path("corp.key");

	chmod(key, 0644);
	expect_refused("corp.key", "corp.pem", "グループや他のユーザーにも開かれています（モード 0644）",
		       "a key readable by everyone (0644)");
	chmod(key, 0640);
	expect_refused("corp.key", "corp.pem", "（モード 0640）", "a key readable by its group (0640)");
	chmod(key, 0600);
	expect_refused("corp.key", "ca.pem", "の鍵ではありません", "a key with another's certificate");
	expect_refused("missing.key", "corp.pem", "を開けません", "a key that is not there");
	expect_refused("corp.key", "corp.csr", "を読めません", "a certificate that is not one");
	expect_refused("corp.key", "expired.pem", "の有効期限は", "a certificate expired yesterday");
	free(key);
}

int main(void)
{
	const char *locale_dir = getenv("HOSHO_LOCALE_DIR");
	char *rm;

	setlocale(LC_ALL, "C.UTF-8");
	setenv("LANGUAGE", "ja", 1);
	bindtextdomain("hosho", locale_dir && *locale_dir ? locale_dir : "locale");
	bind_textdomain_codeset("hosho", "UTF-8");
	if (!mkdtemp(dir) || !make_keys()) {
		printf("Bail out! openssl could not make the test keys (see %s/openssl.log)\n", dir);
		return 1;
	}
	test_sign_verify();
	test_refusals();
	rm = xasprintf("rm -rf '%s'", dir);
	if (system(rm) != 0)
		printf("# %s failed\n", rm);
	free(rm);
	return tap_done();
}
