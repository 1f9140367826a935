-- wrk script: the page with a query string made up anew at each request (?x=81723…), as
-- someone trying to get past a cache sends it.
math.randomseed(os.time())

function request()
  return wrk.format(nil, wrk.path .. "?x=" .. math.random(1, 2000000000))
end
