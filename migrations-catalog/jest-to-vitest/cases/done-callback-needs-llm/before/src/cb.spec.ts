function later(cb: (v: number) => void) {
  setTimeout(() => cb(7), 1);
}

it('calls back', (done) => {
  later((v) => {
    expect(v).toBe(7);
    done();
  });
});
