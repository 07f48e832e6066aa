/** Streams the text pieces of an async generator as a UTF-8 response body (large exports stay out of memory). */
export function textStream(pieces: AsyncGenerator<string>): ReadableStream<Uint8Array> {
	const encoder = new TextEncoder();
	return new ReadableStream<Uint8Array>({
		async pull(controller) {
			try {
				const { value, done } = await pieces.next();
				if (done) controller.close();
				else controller.enqueue(encoder.encode(value));
			} catch (error) {
				controller.error(error);
			}
		},
		async cancel() {
			await pieces.return(undefined);
		}
	});
}
