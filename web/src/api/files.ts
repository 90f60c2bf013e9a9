import type { FileInfo } from '@dieuhanh/core/api/directives';
import { upload } from './client.ts';

export const filesApi = {
  /** `POST /api/files`: stores the bytes once per content; answers the hash to reference. */
  upload: (file: File) => upload<FileInfo>('/files', file, file.name),
};
