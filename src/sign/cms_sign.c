/* The corporation's key and certificate, and the detached CMS signature
 * (SHA-256, binary content) a bank verifies with openssl cms -verify. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include "i18n.h"
#include "sign/sign.h"
#include "util.h"

struct signer {
	EVP_PKEY *key;
	X509 *cert;
};

/* OpenSSL's reason for the last failure, emptying its error queue. */
static char *openssl_reason(void)
{
	char buf[256] = "";
	unsigned long e, last = 0;

	while ((e = ERR_get_error()) != 0)
		last = e;
	if (last)
		ERR_error_string_n(last, buf, sizeof buf);
	return xstrdup(buf);
}

static char *openssl_failure(const char *fmt, const char *path)
{
	char *why = openssl_reason();
	char *msg = xasprintf(fmt, path, why);

	free(why);
	return msg;
}

/* The key is refused unless only its owner may read or write it: checked
 * on the opened file (fstat), so the file read is the file checked. */
static EVP_PKEY *load_key(const char *path, char **err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	struct stat st;
	EVP_PKEY *key;
	FILE *f;

	if (fd < 0) {
		*err = xasprintf(_("The signing key %s cannot be opened: %s"), path, strerror(errno));
		return NULL;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		*err = xasprintf(_("The signing key %s is not a file."), path);
		close(fd);
		return NULL;
	}
	if (st.st_mode & (S_IRWXG | S_IRWXO)) {
		*err = xasprintf(_("The signing key %s is open to group or others (mode %04o): "
				   "make it readable by its owner only (chmod 600)."),
				 path, (unsigned)(st.st_mode & 07777));
		close(fd);
		return NULL;
	}
	f = fdopen(fd, "r");
	if (!f) {
		*err = xasprintf(_("The signing key %s cannot be opened: %s"), path, strerror(errno));
		close(fd);
		return NULL;
	}
	/* An encrypted key asks its passphrase on the terminal (OpenSSL's own prompt). */
	key = PEM_read_PrivateKey(f, NULL, NULL, NULL);
	fclose(f);
	if (!key)
		*err = openssl_failure(_("The signing key %s cannot be read: %s"), path);
	return key;
}

static X509 *load_cert(const char *path, char **err)
{
	FILE *f = fopen(path, "re");
	X509 *cert;

	if (!f) {
		*err = xasprintf(_("The signing certificate %s cannot be opened: %s"), path,
				 strerror(errno));
		return NULL;
	}
	cert = PEM_read_X509(f, NULL, NULL, NULL);
	fclose(f);
	if (!cert)
		*err = openssl_failure(_("The signing certificate %s cannot be read: %s"), path);
	return cert;
}

/* The certificate must be valid now: a bank's openssl cms -verify refuses
 * a signature by an expired (or not yet valid) certificate. */
static bool cert_current(X509 *cert, const char *path, char **err)
{
	const ASN1_TIME *until = X509_get0_notAfter(cert), *from = X509_get0_notBefore(cert);
	const ASN1_TIME *bad = X509_cmp_current_time(until) < 0 ? until
			       : X509_cmp_current_time(from) > 0 ? from : NULL;
	struct tm tm = {0};
	char day[16] = "?";

	if (!bad)
		return true;
	if (ASN1_TIME_to_tm(bad, &tm) == 1)
		strftime(day, sizeof day, "%Y-%m-%d", &tm);
	*err = bad == until ? xasprintf(_("The signing certificate %s expired on %s."), path, day)
			    : xasprintf(_("The signing certificate %s is not valid before %s."), path, day);
	return false;
}

struct signer *signer_load(const char *key_path, const char *cert_path, char **err)
{
	struct signer *s = xcalloc(1, sizeof *s);

	s->key = load_key(key_path, err);
	if (s->key)
		s->cert = load_cert(cert_path, err);
	if (s->cert && X509_check_private_key(s->cert, s->key) != 1) {
		ERR_clear_error();
		*err = xasprintf(_("The signing key %s does not belong to the certificate %s."),
				 key_path, cert_path);
		signer_free(s);
		return NULL;
	}
	if (!s->cert || !cert_current(s->cert, cert_path, err)) {
		signer_free(s);
		return NULL;
	}
	return s;
}

void signer_free(struct signer *s)
{
	if (!s)
		return;
	EVP_PKEY_free(s->key);
	X509_free(s->cert);
	free(s);
}

char *signer_subject(const struct signer *s)
{
	BIO *b = BIO_new(BIO_s_mem());
	char *data, *out;
	long n;

	/* RFC 2253, with UTF-8 kept as it is (a Japanese O= stays readable). */
	X509_NAME_print_ex(b, X509_get_subject_name(s->cert), 0,
			   XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
	n = BIO_get_mem_data(b, &data);
	out = xmalloc((size_t)n + 1);
	memcpy(out, data, (size_t)n);
	out[n] = '\0';
	BIO_free(b);
	return out;
}

bool signer_sign(const struct signer *s, const unsigned char *data, size_t len,
		 unsigned char **der, size_t *der_len, char **err)
{
	BIO *in = len <= INT_MAX ? BIO_new_mem_buf(data, (int)len) : NULL;
	CMS_ContentInfo *cms = in ? CMS_sign(s->cert, s->key, NULL, in, CMS_DETACHED | CMS_BINARY)
				  : NULL;
	unsigned char *p;
	int n = cms ? i2d_CMS_ContentInfo(cms, NULL) : -1;

	if (n <= 0) {
		char *why = openssl_reason();
		*err = xasprintf(_("The certificate could not be signed: %s"), why);
		free(why);
		CMS_ContentInfo_free(cms);
		BIO_free(in);
		return false;
	}
	*der = p = xmalloc((size_t)n);
	*der_len = (size_t)i2d_CMS_ContentInfo(cms, &p);
	CMS_ContentInfo_free(cms);
	BIO_free(in);
	return true;
}
