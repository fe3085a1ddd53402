import type { IDataObject } from 'n8n-workflow';

/**
 * A Face as Tavus answers on /v2/faces (face_id, face_name, face_type), with the replica_* names
 * next to each face_* key, so expressions written for replicas ({{ $json.replica_id }}) keep
 * working. Other keys pass through.
 */
export function withReplicaNames(face: IDataObject): IDataObject {
	const output: IDataObject = { ...face };
	for (const [key, value] of Object.entries(face)) {
		if (!key.startsWith('face_')) continue;
		const legacy = `replica_${key.slice('face_'.length)}`;
		if (!(legacy in output)) output[legacy] = value;
	}
	return output;
}
