// Ends a virtual user's loop PEER_LOOP_SECONDS after the first time one of this worker's users asks (the users
// start the loop after a think that lets every connection open first), so closed-loop runs are bounded in time.
let deadline;
module.exports = {
  untilDeadline(context, next) {
    deadline ??= Date.now() + Number(process.env.PEER_LOOP_SECONDS || 20) * 1000;
    return next(Date.now() < deadline);
  },
};
