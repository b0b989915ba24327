/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "lib/array.h"
#include "results/provenance.h"
#include "results/results.h"

/* Generated at every build (cmake/write-buildinfo.cmake); the fuzz build
 * has none and says so. */
#ifdef EB_HAVE_BUILDINFO
#include "eb_buildinfo.h"
#else
#define EB_BUILDINFO_REVISION	"unknown"
#define EB_BUILDINFO_DIRTY	-1
#define EB_BUILDINFO_BUILD_TYPE	"unknown"
#define EB_BUILDINFO_COMPILER	"unknown"
#define EB_BUILDINFO_ASSEMBLER	"unknown"
#define EB_BUILDINFO_LINKER	"unknown"
#endif

/* The members of a build-info.json a results file keeps. */
static const char *const build_keys[] = {
	"version", "revision", "dirty", "build_type", "compiler", "assembler",
	"linker", "inject",
};

json_t *eb_provenance_new(void)
{
	int dirty = EB_BUILDINFO_DIRTY;

	return json_pack("{s:{s:s, s:s, s:o, s:s, s:s, s:s, s:s}}", "entrybench",
			 "version", EB_VERSION,
			 "revision", EB_BUILDINFO_REVISION,
			 "dirty", dirty < 0 ? json_null() : json_boolean(dirty),
			 "build_type", EB_BUILDINFO_BUILD_TYPE,
			 "compiler", EB_BUILDINFO_COMPILER,
			 "assembler", EB_BUILDINFO_ASSEMBLER,
			 "linker", EB_BUILDINFO_LINKER);
}

bool eb_sha256_file(const char *path, char hex[65], char *err, size_t size)
{
	unsigned char buf[65536], md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	size_t n;
	FILE *f = fopen(path, "rb");
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	bool ok = f && ctx && EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);

	if (!f)
		snprintf(err, size, "%s: %s", path, strerror(errno));
	while (ok && (n = fread(buf, 1, sizeof(buf), f)) > 0)
		ok = EVP_DigestUpdate(ctx, buf, n);
	if (ok && ferror(f)) {
		snprintf(err, size, "%s: read error", path);
		ok = false;
	}
	ok = ok && EVP_DigestFinal_ex(ctx, md, &len) && len == 32;
	for (unsigned int i = 0; ok && i < len; i++)
		sprintf(hex + 2 * i, "%02x", md[i]);
	if (f && !ok && !*err)
		snprintf(err, size, "%s: SHA-256 failed", path);
	EVP_MD_CTX_free(ctx);
	if (f)
		fclose(f);
	return ok;
}

/*
 * The build that made the image at path, from build-info.json beside it,
 * if that file lists the image with this very hash (a copied or rebuilt
 * image is not what it describes).
 */
static json_t *image_build(const char *path, const char *mode,
			   const char *sha)
{
	char copy[PATH_MAX], dir[PATH_MAX], info[PATH_MAX + 32];
	json_error_t e;

	snprintf(copy, sizeof(copy), "%s", path);
	snprintf(dir, sizeof(dir), "%s", dirname(copy));
	snprintf(copy, sizeof(copy), "%s", path);
	const char *name = basename(copy);
	snprintf(info, sizeof(info), "%s/build-info.json", dir);

	json_t *doc = json_load_file(info, JSON_REJECT_DUPLICATES, &e);
	if (!doc)
		return eb_unavailable("%s: %s", info, e.text);
	json_t *listed = json_object_get(json_object_get(doc, "images"), name);
	json_t *out = NULL;
	if (!json_is_string(listed) || strcmp(json_string_value(listed), sha) != 0) {
		out = eb_unavailable("%s describes another build of %s (it lists "
				  "another SHA-256 or none)", info, name);
	} else {
		out = json_object();
		for (size_t i = 0; i < N_OF(build_keys); i++) {
			json_t *v = json_object_get(doc, build_keys[i]);
			if (json_is_string(v) || json_is_boolean(v) || json_is_null(v))
				json_object_set(out, build_keys[i], v);
		}
		json_t *flags = json_object_get(json_object_get(doc, "guest_flags"),
						mode);
		if (json_is_string(flags))
			json_object_set(out, "guest_flags", flags);
	}
	json_decref(doc);
	return out;
}

void eb_provenance_add_kernel(json_t *res, const char *mode, const char *path)
{
	json_t *prov = json_object_get(res, "provenance");
	char abs[PATH_MAX], hex[65], err[PATH_MAX + 64] = "";

	if (!prov)
		json_object_set_new(res, "provenance", prov = json_object());
	json_t *kernels = json_object_get(prov, "kernels");
	if (!kernels)
		json_object_set_new(prov, "kernels", kernels = json_array());
	if (!realpath(path, abs))
		snprintf(abs, sizeof(abs), "%s", path);
	bool hashed = eb_sha256_file(abs, hex, err, sizeof(err));
	json_array_append_new(kernels, json_pack("{s:s, s:s, s:o, s:o}",
		"mode", mode, "path", abs,
		"sha256", hashed ? json_string(hex) : eb_unavailable("%s", err),
		"build", hashed ? image_build(abs, mode, hex) :
			 eb_unavailable("no SHA-256 to match")));
}

/* "0123456789ab[+dirty]" of a build object; false if its revision is unknown. */
static bool short_revision(const json_t *build, char *out, size_t size)
{
	const char *rev = json_string_value(json_object_get(build, "revision"));

	if (!rev || strspn(rev, "0123456789abcdef") != strlen(rev) || !*rev)
		return false;
	snprintf(out, size, "%.12s%s", rev,
		 json_is_true(json_object_get(build, "dirty")) ? "+dirty" : "");
	return true;
}

bool eb_provenance_revision(const json_t *res, char *out, size_t size)
{
	const json_t *prov = json_object_get(res, "provenance");
	const json_t *kernels = json_object_get(prov, "kernels"), *k;
	char first[64] = "", this[64];
	size_t i;
	bool agree = json_array_size(kernels) > 0;

	json_array_foreach(kernels, i, k) {
		if (!short_revision(json_object_get(k, "build"), this, sizeof(this)) ||
		    (*first && strcmp(first, this) != 0)) {
			agree = false;
			break;
		}
		snprintf(first, sizeof(first), "%s", this);
	}
	if (agree) {
		snprintf(out, size, "%s", first);
		return true;
	}
	return short_revision(json_object_get(prov, "entrybench"), out, size);
}

/* A value that is one of the forms given, or {"unavailable": "why"}. */
static bool or_eb_unavailable(const json_t *v)
{
	return json_is_object(v) && json_object_size(v) == 1 &&
	       json_is_string(json_object_get(v, "unavailable"));
}

static bool bool_or_null(const json_t *v)
{
	return json_is_boolean(v) || json_is_null(v);
}

/* A build: revision (string), dirty (boolean or null), other strings. */
static bool build_valid(const json_t *b, const char *what, char *err,
			size_t size)
{
	const char *key;
	json_t *v;

	if (!json_is_object(b) || !json_is_string(json_object_get(b, "revision")) ||
	    !bool_or_null(json_object_get(b, "dirty"))) {
		snprintf(err, size, "%s: not an object with a string revision and "
			 "a boolean or null dirty", what);
		return false;
	}
	json_object_foreach((json_t *)b, key, v)
		if (strcmp(key, "dirty") != 0 && !json_is_string(v) &&
		    !json_is_null(v)) {
			snprintf(err, size, "%s: %s is neither a string nor null",
				 what, key);
			return false;
		}
	return true;
}

static bool kernel_valid(const json_t *k, size_t i, char *err, size_t size)
{
	char what[64];
	const json_t *sha = json_object_get(k, "sha256");
	const json_t *build = json_object_get(k, "build");

	snprintf(what, sizeof(what), "provenance.kernels[%zu]", i);
	if (!json_is_string(json_object_get(k, "mode")) ||
	    !json_is_string(json_object_get(k, "path"))) {
		snprintf(err, size, "%s: mode or path is not a string", what);
		return false;
	}
	if (!or_eb_unavailable(sha) && !(json_is_string(sha) &&
	    strlen(json_string_value(sha)) == 64)) {
		snprintf(err, size, "%s: sha256 is neither 64 hex digits nor "
			 "{\"unavailable\": why}", what);
		return false;
	}
	strncat(what, ".build", sizeof(what) - strlen(what) - 1);
	return or_eb_unavailable(build) || build_valid(build, what, err, size);
}

bool eb_provenance_valid(const json_t *prov, char *err, size_t size)
{
	const json_t *eb = json_object_get(prov, "entrybench");
	const json_t *kernels = json_object_get(prov, "kernels"), *k;
	size_t i;

	if (!json_is_object(prov)) {
		snprintf(err, size, "provenance is not an object");
		return false;
	}
	if (eb && !build_valid(eb, "provenance.entrybench", err, size))
		return false;
	if (kernels && !json_is_array(kernels)) {
		snprintf(err, size, "provenance.kernels is not an array");
		return false;
	}
	json_array_foreach(kernels, i, k)
		if (!kernel_valid(k, i, err, size))
			return false;
	return true;
}

/* "0123456789ab+dirty", "0123456789ab", or "unknown". */
static const char *revision_text(const json_t *build, char *out, size_t size)
{
	if (!short_revision(build, out, size))
		snprintf(out, size, "unknown");
	return out;
}

/* A member as text; an absent or null one (the form allows it) as "?". */
static const char *text(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "?";
}

void eb_provenance_print(FILE *f, const json_t *res)
{
	const json_t *prov = json_object_get(res, "provenance");
	const json_t *eb = json_object_get(prov, "entrybench"), *k;
	char rev[64];
	size_t i;

	if (!prov) {
		fprintf(f, "provenance: not recorded (written before entrybench "
			"recorded it)\n");
		return;
	}
	if (eb)
		fprintf(f, "written by entrybench %s, revision %s, %s build; %s; %s\n",
			text(eb, "version"), revision_text(eb, rev, sizeof(rev)),
			text(eb, "build_type"), text(eb, "compiler"),
			text(eb, "linker"));
	json_array_foreach(json_object_get(prov, "kernels"), i, k) {
		const json_t *sha = json_object_get(k, "sha256");
		const json_t *build = json_object_get(k, "build");
		fprintf(f, "kernel %s sha256 %.16s", text(k, "mode"),
			json_is_string(sha) ? json_string_value(sha) : "unavailable");
		if (json_is_string(json_object_get(build, "revision")))
			fprintf(f, ", built from revision %s",
				revision_text(build, rev, sizeof(rev)));
		else
			fprintf(f, ", build unknown: %s", text(build, "unavailable"));
		fputc('\n', f);
	}
}
