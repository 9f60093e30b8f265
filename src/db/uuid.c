/* Random (version 4) UUIDs: the ids a client gives its requests. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <sys/random.h>

#include "db/db.h"

bool db_new_uuid(char out[37])
{
	uint8_t b[16];

	if (getrandom(b, sizeof b, 0) != (ssize_t)sizeof b)
		return false;
	b[6] = (b[6] & 0x0f) | 0x40; /* version 4 */
	b[8] = (b[8] & 0x3f) | 0x80; /* RFC 4122 variant */
	snprintf(out, 37,
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11],
		 b[12], b[13], b[14], b[15]);
	return true;
}
